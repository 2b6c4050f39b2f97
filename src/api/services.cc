#include "api/services.h"

namespace safeguard::api {

Result<ServiceOptions> options_from_store(store::Store& store) {
  ServiceOptions options;
  Status status = store.read([&](store::Transaction& transaction) -> Status {
    auto is_demo = transaction.setting("authority.is_demo");
    if (!is_demo) return is_demo.error();
    options.demo = *is_demo && **is_demo == "true";
    auto name = transaction.setting("authority.name");
    if (!name) return name.error();
    if (*name) options.authority_name = **name;
    return Status::success();
  });
  if (!status) return status.error();
  return options;
}

}  // namespace safeguard::api
