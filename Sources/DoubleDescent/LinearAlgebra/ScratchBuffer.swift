/// Manually managed storage handed to LAPACK and BLAS as a raw pointer.
///
/// It only ever grows, so once a solver has seen its largest problem it never
/// allocates again. Contents are not preserved by `reserve`.
package final class ScratchBuffer<Element> {
    package private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private let zero: Element

    package init(capacity: Int, zero: Element) {
        self.zero = zero
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: zero, count: self.capacity)
    }

    /// Ensures room for at least `count` elements.
    package func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: zero, count: count)
    }

    deinit { pointer.deallocate() }
}
