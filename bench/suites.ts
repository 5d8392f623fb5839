// The list of benchmark suites `npm run bench` runs, in order.
export interface BenchSuite {
  name: string;
  run(): Promise<void>;
}

export const suites: BenchSuite[] = [];
