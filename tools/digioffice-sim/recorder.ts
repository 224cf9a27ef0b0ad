/** Every DigiOffice request the simulator received, in arrival order, for assertions ("exactly one finish call"). */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body, or `null` when the body was empty or not JSON. */
  body: unknown;
  /** The status answered; `null` while the request is still being handled (e.g. during latency). */
  status: number | null;
}

export class RequestRecorder {
  private log: RecordedRequest[] = [];

  /** Appends an entry and returns it so the server can fill in the status when it answers. */
  record(entry: Omit<RecordedRequest, 'status'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, status: null };
    this.log.push(recorded);
    return recorded;
  }

  all(): RecordedRequest[] {
    return this.log.map((r) => ({ ...r }));
  }

  /** Requests with this verb (any case) and exactly this path (case-insensitive, as ServiceStack routes). */
  to(method: string, path: string): RecordedRequest[] {
    return this.all().filter((r) => r.method === method.toUpperCase() && r.path.toLowerCase() === path.toLowerCase());
  }

  clear(): void {
    this.log = [];
  }
}
