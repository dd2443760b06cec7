import { describe, expect, it } from 'vitest';
import { processingFor } from '../../../src/domain/catalog/procedure';

describe('processingFor', () => {
  const offline = { unit: 'workingDays', amount: 5 } as const;
  const online = { unit: 'workingDays', amount: 3 } as const;

  it('[DUE1] online submission (channel 2) uses the online limit when the catalog sets one', () => {
    expect(processingFor({ processing: offline, onlineProcessing: online }, 2)).toBe(online);
    expect(processingFor({ processing: offline }, 2)).toBe(offline);
  });

  it('[DUE1] at the counter and by post the usual limit applies', () => {
    expect(processingFor({ processing: offline, onlineProcessing: online }, 1)).toBe(offline);
    expect(processingFor({ processing: offline, onlineProcessing: online }, 3)).toBe(offline);
  });
});
