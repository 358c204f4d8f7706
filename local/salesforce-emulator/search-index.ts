/**
 * Salesforce updates its search index asynchronously: a record written through the API is not found by SOSL
 * at once (the Large Data Volumes guide: "could take about 15 minutes or more"). The emulator makes a record
 * written through the API searchable only once `delayMs` have passed on its clock (injected, so tests pin
 * it). Rows seeded with insert() are indexed already. A record updated within the delay is not found either
 * (the emulator keeps no older index entry; a real org may still find it by its previous values).
 */
export class SearchIndex {
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly clock: () => number,
    public delayMs: number,
  ) {}

  noteWrite(id: string): void {
    this.writtenAt.set(id, this.clock());
  }

  searchable(id: string): boolean {
    const at = this.writtenAt.get(id);
    return at === undefined || this.clock() - at >= this.delayMs;
  }
}
