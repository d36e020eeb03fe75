/** The CrewRepository and DraftRepository contracts on the in-memory adapters (the DynamoDB runs are in test/integration). */
import { MemoryCrewStore } from '../../src/storage/memory-crew-store.ts';
import { MemoryDraftStore } from '../../src/storage/memory-draft-store.ts';
import { describeCrewRepositoryContract } from '../support/contracts/crew-repository-contract.ts';
import { describeDraftRepositoryContract } from '../support/contracts/draft-repository-contract.ts';

const crew = new MemoryCrewStore();
describeCrewRepositoryContract('MemoryCrewStore', () => crew);
const drafts = new MemoryDraftStore();
describeDraftRepositoryContract('MemoryDraftStore', () => drafts);
