#include "domain/seed.hpp"
#include "util/error.hpp"
namespace ctl::seed {
SeedReport seed_demo_data(ctl::db::Connection&, const SeedOptions&, const std::function<void(std::string_view)>&) {
    throw Error(ExitCode::failure, "seed not built yet");
}
}
