#include "synthetic/random.h"

#include <cmath>

namespace safeguard::synthetic {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr double kTwoPi = 6.283185307179586;

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  std::uint64_t state = seed ^ (a * 0xd1b54a32d192ed03ULL) ^ (b * 0x8cb92ba72f3d8dd7ULL);
  splitmix64(state);
  return splitmix64(state);
}

Random::Random(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed ^ (stream * 0xa0761d6478bd642fULL);
  for (auto& word : state_) word = splitmix64(state);
}

std::uint64_t Random::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int Random::uniform_int(int low, int high) {
  if (high <= low) return low;
  auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low + 1);
  // Rejection keeps every value equally likely: draws at or above the last whole multiple of
  // `span` are thrown back (almost never, as span is tiny beside 2^64).
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  std::uint64_t draw = next();
  while (draw >= limit) draw = next();
  return static_cast<int>(low + static_cast<std::int64_t>(draw % span));
}

int Random::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 30.0) {
    // Knuth: multiply uniforms until the product falls below e^-mean.
    const double limit = std::exp(-mean);
    int count = 0;
    double product = uniform();
    while (product > limit) {
      ++count;
      product *= uniform();
    }
    return count;
  }
  // Large means: the normal approximation with a continuity correction is ample for arrivals.
  double draw = std::floor(normal(mean, std::sqrt(mean)) + 0.5);
  return draw < 0.0 ? 0 : static_cast<int>(draw);
}

double Random::normal(double mean, double sd) {
  // Box-Muller; 1 - uniform() lies in (0, 1], so the logarithm is finite.
  double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  return mean + sd * radius * std::cos(kTwoPi * uniform());
}

double Random::exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

double Random::lognormal(double median, double sigma) {
  return median * std::exp(normal(0.0, sigma));
}

}  // namespace safeguard::synthetic
