#!/usr/bin/env bash
# Adds a migration NAME to both providers' sets, so SQLite and SQL Server never drift apart.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project src/MsspPortal.Web --context "${provider}PortalDbContext" \
    --output-dir "Data/Migrations/$provider"
done
