using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CoachService.Api.Http;
using CoachService.Core;
using YamlDotNet.RepresentationModel;

namespace CoachService.Api.Tests.Fleet;

/// <summary>
/// The Dockerfile and deploy/kubernetes/ against the app as it is: the port it listens on, the health paths it
/// serves, the settings it reads, and the manifests' references to each other. The image and cluster cannot be
/// run here (no registry), so this is what keeps the files honest.
/// </summary>
[Collection(CoachApiGroup.Name)]
public sealed partial class DeploymentManifestTests(CoachApiHost host)
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "kubernetes");
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    private static List<YamlMappingNode> Documents()
    {
        var documents = new List<YamlMappingNode>();
        foreach (string file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        return documents;
    }

    private static YamlMappingNode Kind(string kind, string name) =>
        Documents().Single(d => Text(d, "kind") == kind && Text(d, "metadata", "name") == name);

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (string key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static YamlMappingNode Container() =>
        (YamlMappingNode)((YamlSequenceNode)Node(Kind("Deployment", "coachservice"), "spec", "template", "spec", "containers")!).Children.Single();

    private static int DockerfilePort() => int.Parse(DockerPortRegex().Match(Dockerfile).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Dockerfile_PortUserAndEntryPoint_MatchThePublishedApp()
    {
        Assert.Equal(DockerfilePort(), int.Parse(ExposeRegex().Match(Dockerfile).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Matches(@"(?m)^USER \$APP_UID$", Dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"" + typeof(Program).Assembly.GetName().Name + ".dll\"]", Dockerfile, StringComparison.Ordinal);
        var health = HealthCheckRegex().Match(Dockerfile);
        Assert.True(health.Success, "no HEALTHCHECK with a loopback URL");
        Assert.Equal(DockerfilePort(), int.Parse(health.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal("/health/live", health.Groups[2].Value);
    }

    [Fact]
    public async Task Deployment_PortsAndProbes_AreWhatTheAppServes()
    {
        var container = Container();
        var ports = (YamlSequenceNode)Node(container, "ports")!;
        var http = ports.Children.Single(p => Text(p, "name") == "http");
        Assert.Equal(DockerfilePort().ToString(CultureInfo.InvariantCulture), Text(http, "containerPort"));
        var env = ((YamlSequenceNode)Node(container, "env")!).Children.ToDictionary(e => Text(e, "name")!, e => Text(e, "value"));
        Assert.Equal(DockerfilePort().ToString(CultureInfo.InvariantCulture), env["ASPNETCORE_HTTP_PORTS"]);

        using var client = host.Factory.CreateClient();
        foreach (string probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            string? path = Text(container, probe, "httpGet", "path");
            Assert.NotNull(path);
            Assert.Equal("http", Text(container, probe, "httpGet", "port"));
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe} {path}: {(int)response.StatusCode}");
        }

        Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
    }

    [Fact]
    public void Deployment_Environment_NamesOnlySettingsTheAppReads()
    {
        // The resolver must be able to say no, or this test could not fail.
        Assert.False(IsSetting("Coach__Fleet__Slat"));
        Assert.False(IsSetting("ConnectionStrings__Redds"));

        foreach (var entry in ((YamlSequenceNode)Node(Container(), "env")!).Children)
        {
            string name = Text(entry, "name")!;
            Assert.True(IsSetting(name), $"the app reads no setting {name}");
        }
    }

    [Fact]
    public void Manifests_SelectorsTargetsAndLimits_Agree()
    {
        var deployment = Kind("Deployment", "coachservice");
        var labels = (YamlMappingNode)Node(deployment, "spec", "template", "metadata", "labels")!;
        bool Selects(YamlNode? selector) =>
            selector is YamlMappingNode map && map.Children.Count > 0
            && map.Children.All(l => labels.Children.TryGetValue(l.Key, out var v) && v.ToString() == l.Value.ToString());

        Assert.True(Selects(Node(Kind("Service", "coachservice"), "spec", "selector")), "the Service selects no pod of the Deployment");
        Assert.True(Selects(Node(Kind("PodDisruptionBudget", "coachservice"), "spec", "selector", "matchLabels")), "the PDB selects no pod of the Deployment");
        Assert.Equal("http", Text(((YamlSequenceNode)Node(Kind("Service", "coachservice"), "spec", "ports")!).Children.Single(), "targetPort"));
        var hpa = Kind("HorizontalPodAutoscaler", "coachservice");
        Assert.Equal("Deployment", Text(hpa, "spec", "scaleTargetRef", "kind"));
        Assert.Equal("coachservice", Text(hpa, "spec", "scaleTargetRef", "name"));
        Assert.NotNull(Text(Container(), "resources", "requests", "cpu"));  // the HPA's utilisation is of the request

        // Sized from the measured working set (620 to 775 MB a replica, docs/PERFORMANCE.md).
        Assert.InRange(Mebibytes(Text(Container(), "resources", "requests", "memory")!), 750, 1024);
        Assert.InRange(Mebibytes(Text(Container(), "resources", "limits", "memory")!), 800, 2048);

        Assert.Equal("true", Text(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("true", Text(Container(), "securityContext", "readOnlyRootFilesystem"));
        Assert.Contains(((YamlSequenceNode)Node(Container(), "volumeMounts")!).Children, m => Text(m, "mountPath") == "/tmp");
    }

    private static double Mebibytes(string quantity) => quantity switch
    {
        _ when quantity.EndsWith("Gi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024,
        _ when quantity.EndsWith("Mi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture),
        _ => throw new FormatException($"not a Mi or Gi quantity: {quantity}"),
    };

    /// <summary>Whether an environment variable names something the app reads: a host setting, the Redis connection, or an options property.</summary>
    private static bool IsSetting(string variable)
    {
        if (variable is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT")
        {
            return true;
        }

        string key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (key.Equals("ConnectionStrings:" + FleetSetup.ConnectionName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // The options class whose section is the longest prefix of the key, then its properties, one segment each.
        var sections = new[] { typeof(FleetOptions).Assembly, typeof(CoachOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string))
            .Where(s => s.Section is not null && key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Section!.Length)
            .ToList();
        if (sections.Count == 0)
        {
            return false;
        }

        Type type = sections[0].Type;
        foreach (string segment in key[(sections[0].Section!.Length + 1)..].Split(':'))
        {
            if (type.IsGenericType && int.TryParse(segment, CultureInfo.InvariantCulture, out _))
            {
                type = type.GetGenericArguments()[0];
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    [GeneratedRegex(@"ASPNETCORE_HTTP_PORTS=(\d+)")]
    private static partial Regex DockerPortRegex();

    [GeneratedRegex(@"(?m)^EXPOSE (\d+)$")]
    private static partial Regex ExposeRegex();

    [GeneratedRegex(@"HEALTHCHECK[^\n]*\\\n[^\n]*http://127\.0\.0\.1:(\d+)(/\S+)")]
    private static partial Regex HealthCheckRegex();
}
