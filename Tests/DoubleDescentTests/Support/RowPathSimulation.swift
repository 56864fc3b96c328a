@testable import DDLinearAlgebra
@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
import Foundation

/// The Monte Carlo done the long way, for checking the simulator's shortcuts (`WishartGramDraw`,
/// `IsotropicGaussianDraw`): draw the Gaussian rows (`GaussianDesignSampler`) and solve by QR/LQ
/// (`MinNormSolver`), from streams of its own.
enum RowPathSimulation {
    static func moments(_ model: RegressionModel, design: DesignKind, n: Double, lambda: Double?,
                        trials: Int, seed: UInt64 = 99) -> RunningMoments {
        let sampler = GaussianDesignSampler(eigenvalues: model.eigenvalues)
        let plan = SurrogatePlan(n: n, lambda: lambda, eigenvalues: model.eigenvalues)
        let maxRows = max(plan.typicalMaximumRows(d: model.d), Int(n))
        let solver = MinNormSolver(d: model.d, maxRows: maxRows)
        let workspace = DesignWorkspace(d: model.d, maxRows: maxRows)
        var moments = RunningMoments()
        for t in 0..<trials {
            var rng = RandomStream(seed: seed, keys: [UInt64(t)])
            if design == .surrogate {
                sampler.drawSurrogate(plan, rotateRows: false, into: workspace, using: &rng)
            } else {
                sampler.drawIID(rows: Int(n), into: workspace, using: &rng)
            }
            moments.add(solver.conditionalError(design: workspace.design, rows: workspace.rows, wstar: model.wEigen,
                                                eigenvalues: model.eigenvalues, sigma: model.sigma).parameterError)
        }
        return moments
    }
}
