using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace MsspPortal.Web.Data;

// Words for the query planner, for the few queries where it guesses wrong without statistics.
public static class PlannerHints
{
    // The value unchanged, written as ifnull(x, x) on SQLite so that no index on the column is taken to serve a range
    // on it. SQLite, with no statistics, given "open alerts of the last 7 days, by risk", walks the date index and
    // sorts a quarter of the table (0.5 s at 1M alerts) instead of walking the open alerts' risk index, where the first
    // page's 50 rows are found at once. (Not coalesce: EF drops a coalesce whose first argument cannot be null.)
    // SQL Server keeps statistics and plans this itself: there the value is passed as it is.
    public static DateTimeOffset WithoutIndex(DateTimeOffset value) => throw new NotSupportedException("Only translated to SQL.");

    internal static void Register(ModelBuilder builder, bool sqlite) =>
        builder.HasDbFunction(typeof(PlannerHints).GetMethod(nameof(WithoutIndex))!)
            .HasTranslation(args => sqlite
                ? new SqlFunctionExpression("ifnull", [args[0], args[0]], nullable: true,
                    argumentsPropagateNullability: [false, false], typeof(DateTimeOffset), args[0].TypeMapping)
                : args[0]);
}
