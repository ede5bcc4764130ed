import { describeStatusPageStoreContract } from '../../test/support/status-page-store-contract.js';
import { sqliteStoreFixture } from '../../test/support/store-fixtures.js';

describeStatusPageStoreContract('SQLite (a real file, WAL)', () => sqliteStoreFixture('warroom-status-page-store-'));
