import { LazyCallerDirectory } from '../../functions/src/routing/wiring';
import { unknownCaller } from '../../functions/src/domain/routing/caller-profile';
import type { LiveCallerLookup } from '../../functions/src/ports';

const directory: LiveCallerLookup = { findCaller: async (phone) => unknownCaller(phone, '2026-11-24T15:00:00.000Z') };

describe('LazyCallerDirectory', () => {
  it('connects once, on the first lookup, and shares the connection', async () => {
    let connects = 0;
    const lazy = new LazyCallerDirectory(async () => (connects++, directory));
    expect(connects).toBe(0);
    await Promise.all([lazy.findCaller('+12025550143'), lazy.findCaller('+12025550144')]);
    await lazy.findCaller('+12025550145');
    expect(connects).toBe(1);
  });

  it('tries to connect again on the next lookup after a failed connect', async () => {
    let connects = 0;
    const lazy = new LazyCallerDirectory(async () => {
      if (++connects === 1) throw new Error('Secrets Manager unavailable');
      return directory;
    });
    await expect(lazy.findCaller('+12025550143')).rejects.toThrow('Secrets Manager unavailable');
    await expect(lazy.findCaller('+12025550143')).resolves.toMatchObject({ known: false });
    expect(connects).toBe(2);
  });

  it('keeps the connection when a lookup itself fails', async () => {
    let connects = 0;
    const failing: LiveCallerLookup = { findCaller: async () => Promise.reject(new Error('SERVER_UNAVAILABLE')) };
    const lazy = new LazyCallerDirectory(async () => (connects++, failing));
    await expect(lazy.findCaller('+12025550143')).rejects.toThrow('SERVER_UNAVAILABLE');
    await expect(lazy.findCaller('+12025550143')).rejects.toThrow('SERVER_UNAVAILABLE');
    expect(connects).toBe(1);
  });
});
