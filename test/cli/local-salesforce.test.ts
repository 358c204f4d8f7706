import { localSalesforce } from '../../cli/outcome-local';

describe('SALESFORCE_EMULATOR_URL (the CLI against an emulator already running)', () => {
  it.each(['http://sf.example.com', 'http://10.0.0.5:8080', 'ftp://127.0.0.1'])('refuses %s, naming the variable, before connecting', async (url) => {
    await expect(localSalesforce({ SALESFORCE_EMULATOR_URL: url })).rejects.toThrow(
      'SALESFORCE_EMULATOR_URL must be an https:// URL (http:// only for a local emulator on 127.0.0.1 or localhost)',
    );
  });
});
