using CoachService.Core.Safety;

namespace CoachService.Core.Tests.Safety;

public class SafetyTextTests
{
    [Theory]
    [InlineData("i will k\u200Bi\u200Bl\u200Bl you", "i will kill you")]
    [InlineData("i will \u043A\u0456ll you", "i will kill you")]
    [InlineData("i will ｋｉｌｌ you", "i will kill you")]
    [InlineData("i will kíll you", "i will kill you")]
    [InlineData("i will k1ll y0u", "i will kill you")]
    [InlineData("gonna h@te u forever", "gonna hate u forever")]
    [InlineData("i will k i l l  y o u", "i will kill you")]
    [InlineData("k.i.l.l yourself", "kill yourself")]
    [InlineData("i want to d-i-e", "i want to die")]
    public void Normalise_FilterDodges_ReadAsThePlainWords(string text, string expected)
    {
        Assert.Equal(expected, SafetyText.Normalise(text));
    }

    [Theory]
    [InlineData("See you at 4, I'll bring £50 for the tickets!")]
    [InlineData("Dinner at 7:30? Love you!!")]
    [InlineData("I need a B&B for 2 nights")]
    [InlineData("Я тебя люблю")]
    [InlineData("Ok. Call me when you land.")]
    [InlineData("Plan A is fine by me")]
    public void Normalise_OrdinaryText_IsLeftAsItIs(string text)
    {
        Assert.Same(text, SafetyText.Normalise(text));
    }
}
