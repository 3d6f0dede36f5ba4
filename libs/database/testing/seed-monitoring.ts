// The seed deployment guide's monitoring script (Phase 4.2), its two queries exactly as written
// there: existing deployments run them against HoliBot's tables, so tests run them unchanged.

/** Session statistics (MySQL: NOW() and TIMESTAMPDIFF). */
export const SEED_STATS_SQL = `
      SELECT
        COUNT(*) as total_sessions,
        COUNT(CASE WHEN expires_at > NOW() THEN 1 END) as active_sessions,
        COUNT(CASE WHEN user_id IS NOT NULL THEN 1 END) as authenticated_sessions,
        AVG(TIMESTAMPDIFF(SECOND, created_at, updated_at)) as avg_session_duration
      FROM ChatSession
    `;

/** The last seven cleanup runs (plain SQL: runs on SQLite too). */
export const SEED_CLEANUPS_SQL = `
      SELECT sessions_deleted, run_at
      FROM ChatSessionCleanupLog
      ORDER BY run_at DESC
      LIMIT 7
    `;
