// Preloaded into each server process of the load benchmark (school-day.load.ts) through
// NODE_OPTIONS: on each SIGUSR2 it prints one JSON line (`load-probe-1`, `load-probe-2`, ...) with
// the process's CPU time, the time spent in garbage collection and the event loop's delay since
// the last SIGUSR2, so the benchmark can say where a request's latency went (waiting for the
// loop, or for a CPU) without touching the server's code. With LOAD_CPU_PROF set to a folder it
// also records a CPU profile from the first SIGUSR2 to the second (`node --cpu-prof` is not
// allowed in NODE_OPTIONS). Not part of the server.
import { writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const profiles = process.env['LOAD_CPU_PROF'];
const session = profiles ? new Session() : undefined;
session?.connect();
const post = (method) => new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));

let since = { cpu: process.cpuUsage(), gcMs: 0 };
let count = 0;
process.on('SIGUSR2', async () => {
  const cpu = process.cpuUsage(since.cpu);
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  const line = {
    msg: `load-probe-${++count}`,
    cpuUserMs: Math.round(cpu.user / 1000),
    cpuSystemMs: Math.round(cpu.system / 1000),
    gcMs: Math.round(gcMs - since.gcMs),
    loopDelayP50Ms: ms(delay.percentile(50)),
    loopDelayP99Ms: ms(delay.percentile(99)),
    loopDelayMaxMs: ms(delay.max),
  };
  since = { cpu: process.cpuUsage(), gcMs };
  delay.reset();
  if (session && count === 1) {
    await post('Profiler.enable');
    await post('Profiler.start');
  } else if (session && count === 2) {
    const { profile } = await post('Profiler.stop');
    writeFileSync(join(profiles, `server-${process.pid}.cpuprofile`), JSON.stringify(profile));
  }
  writeSync(1, `${JSON.stringify(line)}\n`);
});
