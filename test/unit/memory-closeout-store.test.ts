/** The CloseOutRepository contract on the in-memory adapter (the DynamoDB run is in test/integration). */
import { MemoryCloseOutStore } from '../../src/storage/memory-closeout-store.ts';
import { describeCloseOutRepositoryContract } from '../support/contracts/closeout-repository-contract.ts';

const store = new MemoryCloseOutStore();
describeCloseOutRepositoryContract('MemoryCloseOutStore', () => store);
