using Microsoft.Playwright;

namespace CoachService.Web.Tests;

/// <summary>The paste-a-message page in real headless Chromium against the real service.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PageTests(ServiceFixture service) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CoachPage _coach = null!;
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
        _coach = new CoachPage(_page);
        await _coach.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task BlamingMessage_ShowsTheHighlightARewriteAndACitedQuestion()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("Thanks for dinner 😊. You never helped with the dishes last night though.");

        var mark = _coach.Marks.First;
        await Assertions.Expect(mark).ToContainTextAsync("never");
        await Assertions.Expect(_coach.RewriteCard("gentle").Locator(".rewrite-text")).ToContainTextAsync("I felt ");
        await Assertions.Expect(_coach.Questions.First).ToContainTextAsync("?");
        await Assertions.Expect(_coach.Citations.First).ToBeVisibleAsync();

        await mark.HoverAsync();
        await Assertions.Expect(await _coach.TipForAsync(mark)).ToContainTextAsync("Never");
        await _coach.ScreenshotAsync("blaming-message-desktop");
        Assert.Empty(_consoleErrors);
    }

    [SkippableFact]
    public async Task Page_LimitsAndLabels_ComeFromTheService()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);
        var meta = await _page.EvaluateAsync<System.Text.Json.JsonElement>("() => fetch('/v1/meta').then(r => r.json())");
        string limit = meta.GetProperty("maxTextLength").GetInt32().ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        // Labels the page could not make up from the ids: the category's words and the style's hint.
        string absolute = meta.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "absolute").GetProperty("label").GetString()!;
        string gentleHint = meta.GetProperty("styles").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "gentle").GetProperty("hint").GetString()!;

        await _coach.Message.FillAsync("Typical.");
        await Assertions.Expect(_coach.CharacterCount).ToHaveTextAsync($"8 / {limit} characters");
        await _coach.CheckAsync("You never help with the dishes.");

        await Assertions.Expect(_coach.CategoryChips.Filter(new() { HasText = absolute })).ToHaveCountAsync(1);
        await Assertions.Expect(_coach.RewriteCard("gentle").Locator(".rewrite-hint")).ToHaveTextAsync(gentleHint);
        Assert.Empty(_consoleErrors);
    }

    [SkippableFact]
    public async Task Keyboard_CtrlEnterSubmitsAndFocusShowsTheReason()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.Message.FillAsync("You always leave your towel on the bed.");
        await _coach.Message.PressAsync("Control+Enter");

        var mark = _coach.Marks.First;
        await Assertions.Expect(mark).ToContainTextAsync("always");
        await mark.FocusAsync();
        await Assertions.Expect(await _coach.TipForAsync(mark)).ToBeVisibleAsync();
        await Assertions.Expect(_coach.Results).ToHaveAttributeAsync("aria-live", "polite");
    }

    [SkippableFact]
    public async Task CopyButton_PutsTheRewriteOnTheClipboard()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("You never help with the dishes.");
        var card = _coach.RewriteCard("gentle");
        string rewrite = (await card.Locator(".rewrite-text").TextContentAsync())!;

        await card.Locator("button.copy").ClickAsync();

        await Assertions.Expect(card.Locator("button.copy")).ToHaveTextAsync("Copied");
        Assert.Equal(rewrite.Trim(), (await _page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());
    }

    [SkippableFact]
    public async Task KindMessage_SaysNoBlameWasFound()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("You always make me laugh");

        await Assertions.Expect(_coach.KindNotice).ToContainTextAsync("didn't find blame");
        await Assertions.Expect(_coach.Marks).ToHaveCountAsync(0);
        await Assertions.Expect(_coach.RewriteCards).ToHaveCountAsync(0);
        await _coach.ScreenshotAsync("kind-message");
    }

    [SkippableFact]
    public async Task EmptyMessage_ShowsTheProblemDetail()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("   ");

        await Assertions.Expect(_coach.Error).ToContainTextAsync("The message is empty.");
        await Assertions.Expect(_coach.Error).ToHaveAttributeAsync("role", "alert");
        Assert.DoesNotContain("at CoachService", await _coach.Error.TextContentAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SafetyFlaggedMessage_ShowsHelpAndNoRewrite()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("you'll regret this, I know where you are");

        await Assertions.Expect(_coach.SafetyNotice).ToContainTextAsync("emergency");
        await Assertions.Expect(_coach.RewriteCards).ToHaveCountAsync(0);
        await _coach.ScreenshotAsync("safety-message");
    }

    [SkippableFact]
    public async Task MessageInAnotherLanguage_SaysWhyThereIsNoRewriteAndIsNotCalledKind()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("Tu ne m'écoutes jamais quand je te parle de mon travail.");

        await Assertions.Expect(_coach.Note).ToContainTextAsync("only understands English");
        await Assertions.Expect(_coach.Warnings).ToContainTextAsync("does not look like English");
        await Assertions.Expect(_coach.KindNotice).ToHaveCountAsync(0);
        await Assertions.Expect(_coach.RewriteCards).ToHaveCountAsync(0);
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

        await _coach.CheckAsync("<script>window.pwned = 1; alert(1)</script> You never listen to me");

        await Assertions.Expect(_coach.Page.Locator("#highlighted")).ToContainTextAsync("<script>window.pwned = 1; alert(1)</script>");
        Assert.Equal(0, await _page.Locator("#highlighted script").CountAsync());
        Assert.False(await _page.EvaluateAsync<bool>("() => window.pwned === 1"));
        Assert.False(dialogOpened);
    }

    [SkippableFact]
    public async Task CitationLink_OpensTheArticleAtTheCitedSection()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _coach.CheckAsync("ur always on ur phone at dinner");
        var citation = _coach.Citations.First;
        string sectionId = (await citation.GetAttributeAsync("data-section-id"))!;

        await citation.ClickAsync();

        await Assertions.Expect(_coach.Article).ToBeVisibleAsync();
        await Assertions.Expect(_coach.ArticleSection(sectionId)).ToBeVisibleAsync();
        await _coach.ScreenshotAsync("article-open");
    }

    [SkippableFact]
    public async Task PhoneWidth_FitsWithoutSidewaysScrolling()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _page.SetViewportSizeAsync(375, 740);
        await _coach.CheckAsync("Typical. Late again. And you didn't even text me.");
        await Assertions.Expect(_coach.RewriteCards.First).ToBeVisibleAsync();

        int overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await _coach.ScreenshotAsync("phone-width");
    }

    [SkippableFact]
    public async Task ApiReference_AtDocs_ShowsTheOperationsWithNoConsoleError()
    {
        Skip.IfNot(service.BrowserAvailable, ServiceFixture.SkipReason);

        await _page.GotoAsync("/docs/");

        await Assertions.Expect(_page.GetByText("Find blame in a message.").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(_page.GetByText("Find blame in several messages at once.").First).ToBeAttachedAsync();
        await _coach.ScreenshotAsync("api-reference");
        Assert.Empty(_consoleErrors);
    }
}
