// The clock and the id source every write takes (tests and the demo inject fixed ones).
export interface Env {
  now(): Date;
  newId(): string;
}
