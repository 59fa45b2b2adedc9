using Microsoft.Playwright;

namespace CoachService.Web.Tests;

/// <summary>The paste-a-message page in real headless Chromium against the real service.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PageTests(ServiceFixture service) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        if (!service.BrowserAvailable)
        {
            return;
        }

        _context = await service.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await _page.GotoAsync("/");
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private async Task CheckAsync(string message)
    {
        await _page.FillAsync("#message", message);
        await _page.ClickAsync("#check");
    }

    private Task<byte[]> ScreenshotAsync(string name) =>
        _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServiceFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    [SkippableFact]
    public async Task BlamingMessage_ShowsTheHighlightARewriteAndACitedQuestion()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("Thanks for dinner 😊. You never help with the dishes though.");

        var mark = _page.Locator("#highlighted mark.blame").First;
        await Assertions.Expect(mark).ToContainTextAsync("never");
        await Assertions.Expect(_page.Locator("#rewrites .rewrite-card[data-style='gentle'] .rewrite-text")).ToContainTextAsync("I feel ");
        await Assertions.Expect(_page.Locator("#questions .question-text").First).ToContainTextAsync("?");
        await Assertions.Expect(_page.Locator("#questions a.citation").First).ToBeVisibleAsync();

        await mark.HoverAsync();
        string tipId = (await mark.GetAttributeAsync("aria-describedby"))!;
        await Assertions.Expect(_page.Locator($"[id='{tipId}']")).ToContainTextAsync("Never");
        await ScreenshotAsync("blaming-message-desktop");
        Assert.Empty(_consoleErrors);
    }

    [SkippableFact]
    public async Task Keyboard_CtrlEnterSubmitsAndFocusShowsTheReason()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _page.FillAsync("#message", "You always leave your towel on the bed.");
        await _page.PressAsync("#message", "Control+Enter");

        var mark = _page.Locator("#highlighted mark.blame").First;
        await Assertions.Expect(mark).ToContainTextAsync("always");
        await mark.FocusAsync();
        string tipId = (await mark.GetAttributeAsync("aria-describedby"))!;
        await Assertions.Expect(_page.Locator($"[id='{tipId}']")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#results")).ToHaveAttributeAsync("aria-live", "polite");
    }

    [SkippableFact]
    public async Task CopyButton_PutsTheRewriteOnTheClipboard()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("You never help with the dishes.");
        var card = _page.Locator("#rewrites .rewrite-card[data-style='gentle']");
        string rewrite = (await card.Locator(".rewrite-text").TextContentAsync())!;

        await card.Locator("button.copy").ClickAsync();

        await Assertions.Expect(card.Locator("button.copy")).ToHaveTextAsync("Copied");
        Assert.Equal(rewrite.Trim(), (await _page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());
    }

    [SkippableFact]
    public async Task KindMessage_SaysItAlreadyReadsKindly()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("You always make me laugh");

        await Assertions.Expect(_page.Locator("#kind")).ToContainTextAsync("already reads kindly");
        await Assertions.Expect(_page.Locator("#highlighted mark.blame")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#rewrites .rewrite-card")).ToHaveCountAsync(0);
        await ScreenshotAsync("kind-message");
    }

    [SkippableFact]
    public async Task EmptyMessage_ShowsTheProblemDetail()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("   ");

        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("The message is empty.");
        await Assertions.Expect(_page.Locator("#error")).ToHaveAttributeAsync("role", "alert");
        Assert.DoesNotContain("at CoachService", await _page.Locator("#error").TextContentAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SafetyFlaggedMessage_ShowsHelpAndNoRewrite()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("you'll regret this, I know where you are");

        await Assertions.Expect(_page.Locator("#safety")).ToContainTextAsync("emergency");
        await Assertions.Expect(_page.Locator("#rewrites .rewrite-card")).ToHaveCountAsync(0);
        await ScreenshotAsync("safety-message");
    }

    [SkippableFact]
    public async Task MessageInAnotherLanguage_SaysWhyThereIsNoRewriteAndIsNotCalledKind()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("Tu ne m'écoutes jamais quand je te parle de mon travail.");

        await Assertions.Expect(_page.Locator("#note")).ToContainTextAsync("only understands English");
        await Assertions.Expect(_page.Locator("#warnings")).ToContainTextAsync("does not look like English");
        await Assertions.Expect(_page.Locator("#kind")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#rewrites .rewrite-card")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task ScriptInMessage_IsShownAsTextAndNeverRuns()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        bool dialogOpened = false;
        _page.Dialog += (_, dialog) =>
        {
            dialogOpened = true;
            _ = dialog.DismissAsync();
        };

        await CheckAsync("<script>window.pwned = 1; alert(1)</script> You never listen to me");

        await Assertions.Expect(_page.Locator("#highlighted")).ToContainTextAsync("<script>window.pwned = 1; alert(1)</script>");
        Assert.Equal(0, await _page.Locator("#highlighted script").CountAsync());
        Assert.False(await _page.EvaluateAsync<bool>("() => window.pwned === 1"));
        Assert.False(dialogOpened);
    }

    [SkippableFact]
    public async Task CitationLink_OpensTheArticleAtTheCitedSection()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await CheckAsync("ur always on ur phone at dinner");
        var citation = _page.Locator("#questions a.citation").First;
        string sectionId = (await citation.GetAttributeAsync("data-section-id"))!;

        await citation.ClickAsync();

        await Assertions.Expect(_page.Locator("#article")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator($"#article h3[id='{sectionId}']")).ToBeVisibleAsync();
        await ScreenshotAsync("article-open");
    }

    [SkippableFact]
    public async Task PhoneWidth_FitsWithoutSidewaysScrolling()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _page.SetViewportSizeAsync(375, 740);
        await CheckAsync("Typical. Late again. And you didn't even text me.");
        await Assertions.Expect(_page.Locator("#rewrites .rewrite-card").First).ToBeVisibleAsync();

        int overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await ScreenshotAsync("phone-width");
    }

    [SkippableFact]
    public async Task ApiReference_AtDocs_ShowsTheOperationsWithNoConsoleError()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _page.GotoAsync("/docs/");

        await Assertions.Expect(_page.GetByText("Find blame in a message.").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(_page.GetByText("Find blame in several messages at once.").First).ToBeAttachedAsync();
        await ScreenshotAsync("api-reference");
        Assert.Empty(_consoleErrors);
    }
}
