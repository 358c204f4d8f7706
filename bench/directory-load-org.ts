import { startSalesforceEmulator } from '../local/salesforce-emulator';

/**
 * The org of `npm run bench:directory-load`, in its own process (so the loader's memory is measured alone):
 * the emulator with a synthetic org of `--records=N` records (default 250,000): 20% Accounts, 60% Contacts on them,
 * 12% Leads, 4% open Cases, 4% open Opportunities, every caller with one or two distinct US numbers.
 * Prints {"url": …, "records": N} on one line and serves until interrupted.
 */
const records = Number(process.argv.find((a) => a.startsWith('--records='))?.slice('--records='.length) ?? 250_000);
const AREAS = [201, 202, 212, 213, 303, 312, 415, 617, 646, 718, 773, 801, 904, 952];
let next = 0;
/** A distinct, valid US number per call: area code, exchange 200–999, line 0000–9999. */
function phone(): string {
  const n = next++;
  const line = n % 10_000;
  const exchange = 200 + (Math.floor(n / 10_000) % 800);
  const area = AREAS[Math.floor(n / 8_000_000) % AREAS.length]!;
  return `+1 ${area} ${exchange} ${String(line).padStart(4, '0')}`;
}

async function main(): Promise<void> {
  const emulator = await startSalesforceEmulator({ org: 'empty', bulkQueryPolls: 1 });
  const share = (f: number) => Math.round(records * f);
  const accountIds = emulator.insert(
    'Account',
    Array.from({ length: share(0.2) }, (_, i) => ({
      Name: `Account ${i}`,
      Phone: phone(),
      Type: 'Customer',
      AnnualRevenue: 1000 * i,
      Callwise_Tier__c: i % 10 === 0 ? 'Gold' : 'Silver',
    })),
  );
  const contacts = share(0.6);
  for (let start = 0; start < contacts; start += 10_000) {
    emulator.insert(
      'Contact',
      Array.from({ length: Math.min(10_000, contacts - start) }, (_, k) => ({
        FirstName: 'Pat',
        LastName: `Contact ${start + k}`,
        AccountId: accountIds[(start + k) % accountIds.length],
        Phone: phone(),
        ...((start + k) % 3 === 0 ? { MobilePhone: phone() } : {}),
      })),
    );
  }
  emulator.insert(
    'Lead',
    Array.from({ length: share(0.12) }, (_, i) => ({ FirstName: 'Lee', LastName: `Lead ${i}`, Company: `Prospect ${i}`, Phone: phone(), Status: 'Open' })),
  );
  emulator.insert(
    'Case',
    Array.from({ length: share(0.04) }, (_, i) => ({
      Subject: `Case ${i}`,
      Priority: 'Medium',
      Status: 'New',
      AccountId: accountIds[(i * 7) % accountIds.length],
    })),
  );
  emulator.insert(
    'Opportunity',
    Array.from({ length: share(0.04) }, (_, i) => ({
      Name: `Opportunity ${i}`,
      StageName: 'Prospecting',
      Amount: 5000,
      CloseDate: '2027-01-15',
      AccountId: accountIds[(i * 11) % accountIds.length],
    })),
  );
  process.stdout.write(`${JSON.stringify({ url: emulator.url, records })}\n`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`directory-load org failed: ${(error as Error).message}\n`);
  process.exit(1);
});
