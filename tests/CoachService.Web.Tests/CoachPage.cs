using Microsoft.Playwright;

namespace CoachService.Web.Tests;

/// <summary>The paste-a-message page, as a person uses it: the parts the tests read and the actions they take.</summary>
public sealed class CoachPage(IPage page)
{
    public IPage Page => page;

    public ILocator Message => page.Locator("#message");

    public ILocator CharacterCount => page.Locator("#message-count");

    public ILocator Error => page.Locator("#error");

    public ILocator Results => page.Locator("#results");

    /// <summary>The words marked as blame in "Your message".</summary>
    public ILocator Marks => page.Locator("#highlighted mark.blame");

    /// <summary>The kinds of blame found, under the message.</summary>
    public ILocator CategoryChips => page.Locator(".message-card .chips .chip");

    public ILocator RewriteCards => page.Locator("#rewrites .rewrite-card");

    public ILocator Questions => page.Locator("#questions .question-text");

    public ILocator Citations => page.Locator("#questions a.citation");

    public ILocator KindNotice => page.Locator("#kind");

    public ILocator SafetyNotice => page.Locator("#safety");

    public ILocator Note => page.Locator("#note");

    public ILocator Warnings => page.Locator("#warnings");

    public ILocator Article => page.Locator("#article");

    /// <summary>Opens the page and waits until it has read the service's limits and labels (the count shows the limit).</summary>
    public async Task OpenAsync()
    {
        await page.GotoAsync("/");
        await Assertions.Expect(CharacterCount).ToContainTextAsync(" / ");
    }

    /// <summary>Types a message and presses "Check my message".</summary>
    public async Task CheckAsync(string message)
    {
        await Message.FillAsync(message);
        await page.ClickAsync("#check");
    }

    public ILocator RewriteCard(string style) => page.Locator($"#rewrites .rewrite-card[data-style='{style}']");

    /// <summary>The reason shown for a marked word (its tooltip).</summary>
    public async Task<ILocator> TipForAsync(ILocator mark)
    {
        string tipId = (await mark.GetAttributeAsync("aria-describedby"))!;
        return page.Locator($"[id='{tipId}']");
    }

    public ILocator ArticleSection(string sectionId) => page.Locator($"#article h3[id='{sectionId}']");

    public Task<byte[]> ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServiceFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
