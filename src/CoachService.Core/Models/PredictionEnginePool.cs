using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace CoachService.Core.Models;

/// <summary>
/// <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe and costly to create, so each model keeps a
/// pool of them: a request borrows one engine, predicts, and gives it back.
/// </summary>
public sealed class PredictionEnginePool<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly ObjectPool<PredictionEngine<TInput, TOutput>> _pool;

    public PredictionEnginePool(MLContext mlContext, ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        _pool = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }
            .Create(new EnginePolicy(mlContext, model));
    }

    public TOutput Predict(TInput input)
    {
        var engine = _pool.Get();
        try
        {
            return engine.Predict(input);
        }
        finally
        {
            _pool.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext mlContext, ITransformer model)
        : PooledObjectPolicy<PredictionEngine<TInput, TOutput>>
    {
        public override PredictionEngine<TInput, TOutput> Create() =>
            mlContext.Model.CreatePredictionEngine<TInput, TOutput>(model);

        public override bool Return(PredictionEngine<TInput, TOutput> obj) => true;
    }
}
