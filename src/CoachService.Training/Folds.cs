namespace CoachService.Training;

/// <summary>Cross-validation folds that are the same on every machine and every run.</summary>
internal static class Folds
{
    public const int Count = 5;

    /// <summary>FNV-1a of the id, modulo the number of folds.</summary>
    public static int Stable(string id, int folds = Count)
    {
        uint hash = 2166136261;
        foreach (char c in id)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % (uint)folds);
    }
}
