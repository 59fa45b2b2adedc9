using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoachService.Core.Data;
using CoachService.Core.Reading;

namespace CoachService.Training.FineTune;

/// <summary>
/// Lets the ML.NET deciders learn from messages written after the encoder was fine-tuned, without fine-tuning
/// again: a message the committed encoder never saw is read by it exactly as a held-out fold would read it, so its
/// reading joins the out-of-fold file (in the fold the fine-tuning script would give its group). Writes a new work
/// folder; the fine-tuning's own file is left as it was. The frozen vectors are the base encoder's, as the script's.
/// </summary>
internal static class OutOfFoldExtension
{
    public static (int Old, int Added) Write(string repo, string fromWork, string toWork, MessageReader tuned, MessageReader frozen, WordPieceTokenizer tokenizer)
    {
        var old = JsonLines.Read<JsonElement>(Path.Combine(fromWork, "oof.jsonl")).ToList();
        var known = old.Select(e => e.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        int folds = old.Select(e => e.GetProperty("fold").GetInt32()).Max() + 1;
        var added = new List<string>();
        foreach (var message in LabelledDataSet.LoadDirectory(Path.Combine(repo, "models", "data", "train")).Where(m => !known.Contains(m.Id)))
        {
            int tokens = tokenizer.Tokenize(message.Text).Count;
            if (tokens == 0 || tokens > ContextualEncoder.MaxWindowTokens - 2)
            {
                continue; // the fine-tuning data leaves these out too (EncoderData)
            }

            var spans = message.SentenceSpans();
            var reading = tuned.Read(message.Text, spans);
            var baseReading = frozen.Read(message.Text, spans);
            var row = new Dictionary<string, object>
            {
                ["id"] = message.Id,
                ["fold"] = FoldOf(message.Group, folds),
                ["sentences"] = reading.Sentences.Select((s, i) => new Dictionary<string, object>
                {
                    ["logit"] = Math.Round(s.BlameLogit, 4),
                    ["category"] = s.Category.Select(v => Math.Round(v, 4)).ToArray(),
                    ["concern"] = s.Concern.Select(v => Math.Round(v, 4)).ToArray(),
                    ["vector"] = s.Vector.Select(v => Math.Round(v, 3)).ToArray(),
                    ["frozen"] = baseReading.Sentences[i].Vector.Select(v => Math.Round(v, 3)).ToArray(),
                }).ToArray(),
                ["cue"] = reading.CueLogits.Select(v => Math.Round(v, 3)).ToArray(),
            };
            added.Add(JsonSerializer.Serialize(row));
        }

        Directory.CreateDirectory(toWork);
        // The old lines verbatim: serialising them again could change how their numbers are written.
        File.WriteAllLines(Path.Combine(toWork, "oof.jsonl"), old.Select(e => e.GetRawText()).Concat(added));
        return (old.Count, added.Count);
    }

    /// <summary>The fine-tuning script's fold: SHA-256 of the group, as a number, modulo the folds.</summary>
    internal static int FoldOf(string group, int folds)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(group));
        var value = new BigInteger(hash, isUnsigned: true, isBigEndian: true);
        return (int)(value % folds);
    }
}
