// The embedded store: one SQLite database file in WAL mode, its schema created
// (and later migrated) on first open. Writers are serialized by one
// connection under a mutex with BEGIN IMMEDIATE, which suits one process;
// several processes on one file wait on SQLite's lock (busy timeout 5 s).
#ifndef NIANBAO_SERVICES_COLLECTION_SQLITE_STORE_H_
#define NIANBAO_SERVICES_COLLECTION_SQLITE_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/collection/store.h"

namespace nianbao::collection {

// Opens (creating if needed) the database at `path`; ":memory:" gives a
// private in-memory database.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_SQLITE_STORE_H_
