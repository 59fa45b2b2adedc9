namespace CoachService.Core.Models;

/// <summary>
/// The whole message a sentence belongs to, as context for the models that read it. Its embedding is computed
/// on first use only, so a message whose sentences the cheap model decides alone is never embedded.
/// </summary>
public sealed class MessageContext(Func<float[]> embed)
{
    private float[]? _vector;

    public float[] Vector => _vector ??= embed();
}
