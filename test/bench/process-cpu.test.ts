import { cpuMsOfStat, processCpuMs } from '../../bench/process-cpu';

describe('process CPU time from /proc/<pid>/stat', () => {
  // A stat line shaped as proc(5) documents it: pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
  // majflt cmajflt utime stime …; utime 1234 and stime 56 ticks.
  const line = (comm: string) => `4242 (${comm}) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 56 0 0 20 0 31 0 777 5000000 3000`;

  it('adds user and system ticks, at 10 ms a tick', () => {
    expect(cpuMsOfStat(line('java'))).toBe((1234 + 56) * 10);
  });

  it('counts fields after the last parenthesis, whatever the command name holds', () => {
    expect(cpuMsOfStat(line('a b) S 9 9 (c'))).toBe(12_900);
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => cpuMsOfStat('hello')).toThrow('not a /proc/<pid>/stat line');
  });

  it('reads a live process, and gives undefined for none', () => {
    expect(processCpuMs(process.pid)).toEqual(expect.any(Number));
    expect(processCpuMs(undefined)).toBeUndefined();
    expect(processCpuMs(2 ** 22 + 1)).toBeUndefined();
  });
});
