#include "docs/topics.hpp"

namespace ctl::docs {

namespace {

constexpr std::string_view k_exit_codes =
    R"MD(Every command ends with one of these exit statuses. Errors are one line on
stderr, `ctl: <what> (<hint>)`; `-v` adds the database's detail.

`0`
: Done; also when the thing already was in the asked state.
`1`
: Unexpected failure.
`2`
: Bad usage or bad input: an unknown command or option, a malformed date, a negative
  amount, a missing `--reason`, or a confirmation refused.
`3`
: Not found: no such user, payment or other record.
`4`
: Conflict: the state forbids it (already refunded, request already closed).
`5`
: Permission denied: the database refused the operator's role.
`6`
: Unavailable: the database or a provider is unreachable or timed out. Safe to retry.
`10`
: A check found problems (`ctl health`, `ctl db status`, `ctl db migrate` on a changed
  migration, and later `alerts --check`, `audit verify`, `payments reconcile`).
)MD";

constexpr std::string_view k_formatting =
    R"MD(Data goes to stdout; notices, warnings, errors and the next-page cursor go to
stderr, so stdout stays pure data.

## Formats
`-o table`
: The default: aligned columns with upper-case headers. Times are local to the minute with
  their age ("2026-10-01 14:00 (3h ago)"), money reads "49.00 USD", NULL is "-", booleans
  are yes/no and secrets are masked.
`-o json`
: One JSON array of objects with stable snake_case keys (an empty result is `[]`). Times
  are RFC 3339 in UTC ("2026-10-01T12:00:00Z"); money is integer minor units plus the ISO
  currency (`"amount_cents": 4900, "currency": "USD"`); NULL is null.
`-o ndjson`
: The same objects, one per line, written as they arrive.
`-o csv`
: RFC 4180 with a header row; times RFC 3339 UTC, money "49.00 USD", NULL an empty field.
`-o tsv`
: Tab-separated with a header row, escaped as PostgreSQL's COPY text format.

## Columns
`--fields a,b,c` selects the columns and their order in every format, by their JSON names.
Some columns appear only when named in `--fields`; an unknown name is a usage error (exit 2).
With no rows, table, csv and tsv print the header only.

## Colour
Tables use colour and fit their columns to the terminal only when stdout is a terminal,
`NO_COLOR` is not set and `--no-color` is not given. Piped output is never coloured.

## Pages
Lists return `--limit` rows (default 50; 0 means all) in a stable order. When the limit cut
the list, the cursor of the next page goes to stderr as `ctl: more rows: --after <cursor>`;
pass it back with `--after` and the same filters and sort. Exports are not paged and stream
with flat memory. `-q` silences the cursor line and other notices.
)MD";

constexpr std::string_view k_environment = R"MD(`CTL_DATABASE_URL`
: The database, as a URL (`postgresql://user@host/db`) or a conninfo string. `--db` wins.
`DATABASE_URL`
: Used when `CTL_DATABASE_URL` is not set.
`CTL_REPLICA_URL`
: A streaming replica for read-only work (the config key `replica_url`).
`CTL_PROFILE`
: The config profile when `--profile` is not given.
`CTL_CONFIG`
: The config file, instead of `$XDG_CONFIG_HOME/ctl/config.toml`.
`CTL_SECTION_KEY`
: Any config key `section.key` can be set as the environment variable `CTL_` plus the key
  upper-cased with dots as underscores: `nowpayments.api_url` is `CTL_NOWPAYMENTS_API_URL`,
  `devin.api_key` is `CTL_DEVIN_API_KEY`. The environment wins over the config file.
`CTL_HOME`
: When set, the local instance lives in `$CTL_HOME/local`.
`XDG_CONFIG_HOME`
: The base of the config file (default `~/.config`).
`XDG_STATE_HOME`
: The base of the local instance's directory (default `~/.local/state`).
`NO_COLOR`
: When set (to anything), tables are not coloured.
)MD";

constexpr std::string_view k_config =
    R"MD(Settings come from, in order of precedence: a command-line flag, the environment,
the selected profile of the config file, the top level of the config file, and the built-in
default.

The config file is `${XDG_CONFIG_HOME:-~/.config}/ctl/config.toml`, or `$CTL_CONFIG`. A
missing file is an empty configuration. The profile is `--profile`, else `CTL_PROFILE`, else
the file's `default_profile`; naming a profile the file lacks is a usage error.

```
default_profile = "prod"
[devin]                      # applies to every profile
api_url = "https://api.devin.ai/v1"
[profiles.prod]
database_url = "postgresql://ops@db.internal/platform"
replica_url  = "postgresql://ops@replica.internal/platform"
production   = true
[profiles.prod.devin]
api_key = "..."
```

## Keys
`database_url`
: The database. `--db`, `CTL_DATABASE_URL` and `DATABASE_URL` win over it; with none of
  them ctl uses the local instance of `ctl db local up`.
`replica_url`
: A streaming replica for read-only work: analytics and exports (`users`, `payments` and
  `audit export`) read from it; everything that writes, and every other command, uses the
  database. Ignored when `--db` is given. When the replica cannot be reached, read-only work
  falls back to the database with a warning on stderr; with `--replica-only` it fails with
  exit status 6 instead.
`production`
: Marks a production profile: changing feature flags there requires `--reason`.
`devin.*`, `nowpayments.*`, `stripe.*`, `email.*`
: Provider settings; each key `section.key` may also come from `CTL_SECTION_KEY`.

Secrets are never printed: `ctl health` and `-v` mask them.
)MD";

}  // namespace

const std::vector<Topic>& help_topics() {
    static const std::vector<Topic> topics = {
        {"exit-codes", "What each exit status means", "EXIT STATUS", k_exit_codes},
        {"formatting", "Output formats, --fields, colour, money and times, paging", "OUTPUT", k_formatting},
        {"environment", "Environment variables", "ENVIRONMENT", k_environment},
        {"config", "The config file, profiles and precedence", "CONFIGURATION", k_config},
    };
    return topics;
}

const Topic* find_topic(std::string_view name) {
    for (const auto& topic : help_topics())
        if (topic.name == name) return &topic;
    return nullptr;
}

}  // namespace ctl::docs
