using System.Text.Json;

namespace CoachService.Core.Llm;

/// <summary>
/// Reads the JSON an LLM was asked for. Models wrap JSON in prose or code fences, so the outermost object is
/// cut out first; anything that still does not parse is treated as a failed call.
/// </summary>
internal static class LlmJson
{
    public static JsonElement ParseObject(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            throw new JsonException("The LLM returned nothing.");
        }

        int start = reply.IndexOf('{', StringComparison.Ordinal);
        int end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            throw new JsonException("The LLM reply holds no JSON object.");
        }

        using var document = JsonDocument.Parse(reply.AsMemory(start, end - start + 1));
        return document.RootElement.Clone();
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim()
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
