using CoachService.Core.Data;
using CoachService.Core.Detection;
using CoachService.Core.Reading;

namespace CoachService.Training;

/// <summary>The reading trainer's last step: the test splits, read through the service's own reading and the saved deciders.</summary>
internal static class ReadingEvaluation
{
    public static List<SplitReport> Run(string data, string models, MessageReader tuned)
    {
        var classifier = BlameClassifier.Load(models, tuned);
        return
        [
            SplitEvaluation.Run("ninth split, written blind from the eighth's brief (`test-blind-8/`; decided the twentieth and twenty-first sessions' retrains, never read)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-8")), classifier),
            SplitEvaluation.Run("eighth split, written blind from a brief in new words (`test-blind-7/`; decided the sixteenth session's second try, never read)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-7")), classifier),
            SplitEvaluation.Run("seventh split, written blind from a fresh brief (`test-blind-6/`; decided the sixteenth session's first retrain, never read)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-6")), classifier),
            SplitEvaluation.Run("sixth split, written blind (`test-blind-5/`; decided the fifteenth session's retrain; about six of its messages glimpsed)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-5")), classifier),
            SplitEvaluation.Run("fifth split, written blind (`test-blind-4/`; decided two retrains)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-4")), classifier),
            SplitEvaluation.Run("fourth split, written blind from a fresh brief (`test-blind-3/`; its figures decided which deciders were kept, and its blaming messages are panel 9, read for questions)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-3")), classifier),
            SplitEvaluation.Run("third split, written blind (`test-blind-2/`, looked at before this model)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind-2")), classifier),
            SplitEvaluation.Run("second split, written blind (`test-blind/`, looked at before this model)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test-blind")), classifier),
            SplitEvaluation.Run("first split (`test/`)", LabelledDataSet.LoadDirectory(Path.Combine(data, "test")), classifier),
        ];
    }
}
