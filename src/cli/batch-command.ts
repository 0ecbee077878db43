export async function runBatchCli(_input: string, _options: { out: string; jobs?: number; timeout?: number; shard?: string }): Promise<number> {
  process.stderr.write('kehoach: batch is not implemented yet\n');
  return 1;
}
