/**
 * A close-out store with nothing in it, for a deckhand built without the close-out store
 * (reports then count every charter as quoted). The composition root replaces it with the
 * real adapter (DynamoDB, or memory in tests) where one is wired; saving here is refused.
 */
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';

export const noCloseOuts: CloseOutRepository = {
  get: async () => undefined,
  listByTenant: async () => [],
  save: async () => {
    throw new Error('No close-out store is wired into this deckhand (src/runtime/).');
  },
};
