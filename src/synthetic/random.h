// Deterministic random numbers for the synthetic authority. One seed gives one sequence on every
// build: the generator is xoshiro256** seeded through splitmix64, and every distribution is written
// here, because the standard library's distributions are implementation-defined (libstdc++ and
// libc++ draw different numbers from the same engine). Not for anything secret.
//
//   Random rng(seed, kStreamFrontDoor);
//   if (rng.bernoulli(0.3)) ...;
//   int contacts = rng.poisson(41.5);
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace safeguard::synthetic {

// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
std::uint64_t splitmix64(std::uint64_t& state);

// A stateless hash of (seed, a, b): for values that must not depend on the order things are drawn
// in, such as a child's NHS number derived from the child's position.
std::uint64_t mix(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

class Random {
 public:
  // `stream` separates independent sequences drawn from one seed.
  explicit Random(std::uint64_t seed, std::uint64_t stream = 0);

  std::uint64_t next();
  double uniform();  // [0, 1)
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // A whole number in [low, high], both included (low when high < low).
  int uniform_int(int low, int high);
  bool bernoulli(double p) { return uniform() < p; }
  int poisson(double mean);
  double normal(double mean, double sd);
  double exponential(double mean);
  // Lognormal given its median (not its mean), as durations are usually quoted.
  double lognormal(double median, double sigma);

 private:
  std::uint64_t state_[4];
};

// A choice by weight: built once, drawn many times. Weights need not sum to one.
template <typename T>
class Weighted {
 public:
  Weighted(std::initializer_list<std::pair<T, double>> entries) {
    double total = 0.0;
    for (const auto& [value, weight] : entries) {
      total += weight;
      values_.push_back(value);
      cumulative_.push_back(total);
    }
  }
  const T& draw(Random& rng) const {
    double target = rng.uniform() * cumulative_.back();
    std::size_t i = 0;
    while (i + 1 < cumulative_.size() && cumulative_[i] <= target) ++i;
    return values_[i];
  }

 private:
  std::vector<T> values_;
  std::vector<double> cumulative_;
};

}  // namespace safeguard::synthetic
