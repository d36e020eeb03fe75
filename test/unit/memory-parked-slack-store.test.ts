/** The ParkedSlackWorkRepository contract on the in-memory adapter (DynamoDB: test/integration). */
import { MemoryParkedSlackStore } from '../../src/storage/memory-parked-slack-store.ts';
import { describeParkedSlackWorkContract } from '../support/contracts/parked-slack-work-contract.ts';

const parked = new MemoryParkedSlackStore();
describeParkedSlackWorkContract('MemoryParkedSlackStore', () => parked);
