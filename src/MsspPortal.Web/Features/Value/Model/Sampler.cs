namespace MsspPortal.Web.Features.Value.Model;

// Draws from the distributions the value model's inputs use, on our own generator (so a seed gives the same draws on
// every .NET version): PERT through Beta through Gamma (Marsaglia & Tsang, 2000), normal by Marsaglia's polar
// method, and lognormal from a 90% interval.
public sealed class Sampler(Xoshiro256StarStar random)
{
    // z of the 95th percentile of the standard normal: a 90% interval is ±1.645 σ.
    public const double Z95 = 1.6448536269514722;

    // PERT's weight of the most likely value (the classic γ = 4).
    public const double PertGamma = 4;

    private double? _spareNormal;

    public Sampler(ulong seed)
        : this(new Xoshiro256StarStar(seed))
    {
    }

    public double Uniform() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    // Binomial(n, p): the number of successes among n independent trials of probability p, exactly. Up to
    // BernoulliTrials trials they are simply tossed; beyond, with p folded to at most ½ (k successes at p are n − k at
    // 1 − p), inversion (Devroye 1986, X.4): one uniform, walked down the probabilities P(0) = qⁿ, P(k) = P(k − 1) ·
    // (n − k + 1)/k · p/q — about n·p + 1 multiplications. When qⁿ is too small for a double (n·p in the hundreds),
    // the waiting-time method: the gaps between successes are Geometric(p), drawn by inversion and counted while they
    // fit in n trials. No approximation.
    public const int BernoulliTrials = 50;

    public int Binomial(int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability is in [0, 1].");
        }
        if (n == 0 || p == 0)
        {
            return 0;
        }
        if (p == 1)
        {
            return n;
        }
        if (n <= BernoulliTrials)
        {
            var successes = 0;
            for (var i = 0; i < n; i++)
            {
                successes += random.NextDouble() < p ? 1 : 0;
            }
            return successes;
        }
        if (p > 0.5)
        {
            return n - Binomial(n, 1 - p);
        }
        var q = 1 - p;
        var probability = Math.Pow(q, n);
        if (probability > 1e-280)
        {
            var ratio = p / q;
            var u = random.NextDouble();
            var k = 0;
            while (u >= probability && k < n)
            {
                u -= probability;
                k++;
                probability *= ratio * (n - k + 1) / k;
            }
            return k;
        }
        // P(gap = g) = (1 − p)^(g − 1) p, g ≥ 1: g = ⌊ln U / ln(1 − p)⌋ + 1 for U uniform in (0, 1).
        var logFail = Math.Log(q);
        var count = 0;
        var trials = 0.0;
        while (true)
        {
            trials += Math.Floor(Math.Log(random.NextOpenDouble()) / logFail) + 1;
            if (trials > n)
            {
                return count;
            }
            count++;
        }
    }

    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * random.NextDouble() - 1;
            v = 2 * random.NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    // Gamma(shape, 1). Marsaglia–Tsang for shape ≥ 1; below 1 the usual boost Gamma(shape + 1) · U^(1/shape).
    public double Gamma(double shape)
    {
        if (shape <= 0 || double.IsNaN(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "A gamma shape is positive.");
        }
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(random.NextOpenDouble(), 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextOpenDouble();
            var x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    public double Beta(double alpha, double beta)
    {
        var x = Gamma(alpha);
        var y = Gamma(beta);
        return x / (x + y);
    }

    // PERT(min, mode, max) with γ = 4: min + (max − min) · Beta(α, β), α = 1 + 4(mode − min)/(max − min),
    // β = 1 + 4(max − mode)/(max − min). Its mean is (min + 4·mode + max)/6.
    public double Pert(double min, double mode, double max)
    {
        if (max < min || mode < min || mode > max)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), $"PERT needs min ≤ mode ≤ max (got {min}, {mode}, {max}).");
        }
        var range = max - min;
        if (range == 0)
        {
            return min;
        }
        var alpha = 1 + PertGamma * (mode - min) / range;
        var beta = 1 + PertGamma * (max - mode) / range;
        return min + range * Beta(alpha, beta);
    }

    public static double PertMean(double min, double mode, double max) => (min + PertGamma * mode + max) / (PertGamma + 2);

    // Lognormal whose 5th percentile is p5 and 95th is p95: μ = (ln p5 + ln p95)/2, σ = (ln p95 − ln p5)/(2 · 1.645).
    public double Lognormal90(double p5, double p95)
    {
        var (mu, sigma) = LognormalParameters(p5, p95);
        return Math.Exp(mu + sigma * Normal());
    }

    public static (double Mu, double Sigma) LognormalParameters(double p5, double p95)
    {
        if (p5 <= 0 || p95 <= p5)
        {
            throw new ArgumentOutOfRangeException(nameof(p5), $"A lognormal 90% interval needs 0 < P5 < P95 (got {p5}, {p95}).");
        }
        return ((Math.Log(p5) + Math.Log(p95)) / 2, (Math.Log(p95) - Math.Log(p5)) / (2 * Z95));
    }

    public static double Lognormal90Mean(double p5, double p95)
    {
        var (mu, sigma) = LognormalParameters(p5, p95);
        return Math.Exp(mu + sigma * sigma / 2);
    }
}
