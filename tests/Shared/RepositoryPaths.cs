namespace CoachService.Tests;

/// <summary>Finds files of the repository (data, model cards, wwwroot) from a test's output folder. Linked into every test project.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    public static string Data => Path.Combine(Models, "data");

    public static string WebRoot => Path.Combine(Root, "src", "CoachService.Api", "wwwroot");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoachService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find CoachService.sln above " + AppContext.BaseDirectory);
    }
}
