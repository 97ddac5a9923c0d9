import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration from the environment', () => {
  test('the tile map style: unset is none; an http(s) URL is kept; anything else stops the start with the variable named', () => {
    expect(loadConfig({}).mapStyleUrl).toBeNull();
    expect(loadConfig({ LASTMILE_MAP_STYLE_URL: 'https://tiles.example.com/styles/streets.json' }).mapStyleUrl).toBe('https://tiles.example.com/styles/streets.json');
    expect(() => loadConfig({ LASTMILE_MAP_STYLE_URL: 'ftp://tiles.example.com/s.json' })).toThrow(/LASTMILE_MAP_STYLE_URL must be an http or https URL/);
    expect(() => loadConfig({ LASTMILE_MAP_STYLE_URL: 'streets.json' })).toThrow(/LASTMILE_MAP_STYLE_URL/);
  });

  test('a whole-number setting out of range names itself and its range', () => {
    expect(() => loadConfig({ LASTMILE_CHANNEL_SYNC_MS: '-5' })).toThrow(/LASTMILE_CHANNEL_SYNC_MS must be a whole number from 0 to 86400000/);
  });
});
