using CoachService.Core;
using CoachService.Core.Text;

namespace CoachService.Core.Tests.Text;

public class MessageValidationTests
{
    private static readonly MessageLimits Limits = new();

    [Theory]
    [InlineData("..........")]
    [InlineData("\u200B\u200C\u200D\uFEFF")]
    [InlineData("\u200B.\u200B.\u200B")]
    [InlineData("😡😡🙄")]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("?!?! … — ***")]
    public void Validate_NoLetterOrDigit_IsTextEmpty(string text)
    {
        var problem = MessageValidation.Validate(text, Limits);

        Assert.Equal(MessageValidation.TextEmpty, problem?.Code);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("12345")]
    [InlineData("你从来不听我说话")]
    [InlineData("\U0001D400\U0001D401")]  // mathematical bold A and B: letters outside the BMP
    [InlineData("\u200Bok\u200B")]
    public void Validate_AnyLetterOrDigit_IsAccepted(string text)
    {
        Assert.Null(MessageValidation.Validate(text, Limits));
    }
}
