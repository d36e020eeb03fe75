/** The BookingStore contract on the in-memory adapter (the DynamoDB run is in test/integration). */
import { MemoryBookingStore } from '../../src/storage/memory-booking-store.ts';
import { describeBookingStoreContract } from '../support/contracts/booking-store-contract.ts';

const store = new MemoryBookingStore();
describeBookingStoreContract('MemoryBookingStore', () => store);
