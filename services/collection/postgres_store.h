// The shared store: PostgreSQL through libpq, for several service replicas.
// Numbered schema migrations (schema_migrations table) are applied at open,
// under an advisory lock so replicas starting together do not race. A small
// pool of connections serves concurrent transactions (READ COMMITTED; the
// etag check sits in each UPDATE's WHERE clause, so it holds under
// concurrency).
#ifndef NIANBAO_SERVICES_COLLECTION_POSTGRES_STORE_H_
#define NIANBAO_SERVICES_COLLECTION_POSTGRES_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/collection/store.h"

namespace nianbao::collection {

// Connects to the libpq connection string or URI `conninfo` with up to
// `pool_size` connections and brings the schema up to date.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(absl::string_view conninfo,
                                                         int pool_size = 4);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_POSTGRES_STORE_H_
