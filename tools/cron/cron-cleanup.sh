#!/usr/bin/env bash
# System-cron alternative to the built-in cleanup job (then set SESSION_CLEANUP_ENABLED=false):
#
#   0 3 * * * /path/to/holibot/tools/cron/cron-cleanup.sh
#
# Runs `holibot cleanup` in HOLIBOT_HOME (default: this checkout), appends its output to
# logs/cleanup-YYYY-MM-DD.log there and deletes those logs after 30 days. The `.env` file is
# read by HoliBot itself (dotenv), not by this shell: values with spaces, quotes, `#` or `=`
# arrive exactly as written, and nothing in it is executed. Exit code: holibot's (0 ok, 1 failed).
#
# Optional: HOLIBOT_HOME (folder with .env and logs/), NODE (node binary; cron's PATH is short),
# CLEANUP_LOG_DIR (default: logs), CLEANUP_LOG_DAYS (default: 30).
set -u

app_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
home="${HOLIBOT_HOME:-$app_dir}"
node="${NODE:-$(command -v node || echo /usr/bin/node)}"
log_dir="${CLEANUP_LOG_DIR:-logs}"
keep_days="${CLEANUP_LOG_DAYS:-30}"

cd "$home" || { echo "cron-cleanup: cannot enter HOLIBOT_HOME=$home" >&2; exit 1; }
mkdir -p "$log_dir" || { echo "cron-cleanup: cannot create $home/$log_dir" >&2; exit 1; }
log="$log_dir/cleanup-$(date +%Y-%m-%d).log"

{
  echo "=== $(date '+%Y-%m-%dT%H:%M:%S%z') holibot cleanup"
  "$node" "$app_dir/dist/apps/api/src/cli.js" cleanup 2>&1
} >>"$log"
code=$?
# A pipeline's status would be the last command's; this is holibot's.
echo "=== exit $code" >>"$log"

find "$log_dir" -maxdepth 1 -name 'cleanup-*.log' -mtime +"$keep_days" -delete
exit "$code"
