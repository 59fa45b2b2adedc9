using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CoachService.Core.Feedback;

/// <summary>"Coach:Feedback": whether POST /v1/feedback is open, and where verdicts are kept.</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Coach:Feedback";

    /// <summary>Off by default: the endpoint answers 403 until this is true.</summary>
    public bool Enabled { get; set; }

    /// <summary>A SQLite file to keep verdicts in; without one, verdicts are only counted in metrics.</summary>
    public string? Database { get; set; }

    /// <summary>Days after which a consented text is deleted (the verdict itself stays).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}

/// <summary>What a caller says about an answer, as Perspective's SuggestCommentScore lets apps say it.</summary>
public static class FeedbackVerdict
{
    public const string NotBlame = "not_blame";
    public const string MissedBlame = "missed_blame";
    public const string BadRewrite = "bad_rewrite";
    public const string GoodRewrite = "good_rewrite";

    public static IReadOnlyList<string> All { get; } = [NotBlame, MissedBlame, BadRewrite, GoodRewrite];
}

/// <summary>One kept verdict: the day it came (not the time), what it says, and the text only if the sender consented.</summary>
public sealed record StoredFeedback(string Day, string Verdict, string? RuleId, string ModelVersion, string? Text);

/// <summary>
/// Keeps feedback verdicts. Every verdict is counted (metric <c>coach.feedback.verdicts</c>, tagged with the verdict
/// only). With a database it is also kept: the day, the verdict, the rule id and model version, and the text only
/// when the sender consented; a text is deleted once it is older than the retention period. Nothing is ever trained
/// from it automatically: the trainer's <c>feedback-export</c> writes it out for a person to review.
/// </summary>
public sealed class FeedbackStore(IOptions<FeedbackOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private bool _created;
    private string? _purgedOn;

    public bool Enabled => options.Value.Enabled;

    /// <summary>Whether verdicts are kept (a database is configured) or only counted.</summary>
    public bool Keeps => !string.IsNullOrWhiteSpace(options.Value.Database);

    /// <returns>Whether the verdict was kept, and whether its text was.</returns>
    public (bool Kept, bool TextKept) Record(string verdict, string? ruleId, string modelVersion, string? text, bool consent)
    {
        CoachMetrics.FeedbackReceived(verdict);
        if (!Keeps)
        {
            return (false, false);
        }

        string? kept = consent && !string.IsNullOrEmpty(text) ? text : null;
        using var connection = Open();
        DeleteExpiredTexts(connection, force: false);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO feedback (day, verdict, rule_id, model_version, text) VALUES ($day, $verdict, $rule, $model, $text)";
        insert.Parameters.AddWithValue("$day", Today());
        insert.Parameters.AddWithValue("$verdict", verdict);
        insert.Parameters.AddWithValue("$rule", (object?)ruleId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$model", modelVersion);
        insert.Parameters.AddWithValue("$text", (object?)kept ?? DBNull.Value);
        insert.ExecuteNonQuery();
        return (true, kept is not null);
    }

    /// <summary>Every kept verdict, oldest first (after deleting expired texts), for a person to review.</summary>
    public IReadOnlyList<StoredFeedback> Export()
    {
        if (!Keeps)
        {
            return [];
        }

        using var connection = Open();
        DeleteExpiredTexts(connection, force: true);
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT day, verdict, rule_id, model_version, text FROM feedback ORDER BY id";
        using var reader = select.ExecuteReader();
        var rows = new List<StoredFeedback>();
        while (reader.Read())
        {
            rows.Add(new StoredFeedback(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    private string Today() => clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Texts past the retention period go; on the write path at most once a day (retention is counted in days).</summary>
    private void DeleteExpiredTexts(SqliteConnection connection, bool force)
    {
        string today = Today();
        lock (_gate)
        {
            if (!force && _purgedOn == today)
            {
                return;
            }

            _purgedOn = today;
        }

        using var delete = connection.CreateCommand();
        delete.CommandText = "UPDATE feedback SET text = NULL WHERE text IS NOT NULL AND day < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", clock.GetUtcNow().AddDays(-options.Value.RetentionDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        delete.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.Value.Database, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        connection.Open();

        // The table is made once per process, under the lock, so no insert can run before it exists.
        lock (_gate)
        {
            if (!_created)
            {
                using var create = connection.CreateCommand();
                create.CommandText = """
                    CREATE TABLE IF NOT EXISTS feedback (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        day TEXT NOT NULL,
                        verdict TEXT NOT NULL,
                        rule_id TEXT,
                        model_version TEXT NOT NULL,
                        text TEXT)
                    """;
                create.ExecuteNonQuery();
                _created = true;
            }
        }

        return connection;
    }
}
