import type { BulkQueryJobs } from './bulk-query';
import type { ChangeEventBus } from './change-events';
import type { Faults } from './faults';
import type { PhoneIndex } from './phone-index';
import type { RecordStore } from './store';
import type { RecordWriter } from './writes';
import type { SearchIndex } from './search-index';

/** What every REST handler needs. */
export interface ApiContext {
  store: RecordStore;
  writer: RecordWriter;
  faults: Faults;
  today: string;
  phones: PhoneIndex;
  searchIndex: SearchIndex;
  /** Query results past the first batch, by cursor id. */
  cursors: Map<string, Array<Record<string, unknown>>>;
  bulk: BulkQueryJobs;
  changes: ChangeEventBus;
}

export interface ApiRequest {
  method: string;
  /** The path after /services/data/vNN.N/, split on '/', decoded. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  version: string;
}

export interface ApiResponse {
  status: number;
  /** Answered as JSON. */
  body?: unknown;
  /** Answered as is, with `contentType` (Bulk API 2.0 results are CSV). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}
