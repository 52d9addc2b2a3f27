//! Small dense symmetric matrices: the Cholesky factor, and solving and inverting with it.
//!
//! The matrices here are covariance matrices and normal equations of a few assets or factors
//! (at most a few dozen rows), stored as rows (`Vec<Vec<f64>>`), so the textbook algorithm is
//! the right one: `O(k³)` on `k ≤ 50` is microseconds.

use crate::MetricError;

/// A symmetric positive-definite matrix's lower-triangular Cholesky factor `L`, `A = L Lᵀ`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cholesky {
    /// `L` by rows; entries above the diagonal are 0.
    pub lower: Vec<Vec<f64>>,
}

impl Cholesky {
    /// The Cholesky–Banachiewicz factorisation of `a`, row by row:
    ///
    /// ```text
    /// L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj          (j < i)
    /// L_ii = √(A_ii − Σ_{k<i} L_ik²)
    /// ```
    ///
    /// Only the lower triangle of `a` is read.
    ///
    /// # Errors
    /// [`MetricError::InvalidParameter`] for a matrix that is empty or not square, or has a
    /// non-finite entry; [`MetricError::Undefined`] when it is not positive definite (a pivot
    /// `≤ 0`, as for perfectly correlated or constant series).
    pub fn new(a: &[Vec<f64>]) -> Result<Self, MetricError> {
        let k = a.len();
        if k == 0 || a.iter().any(|row| row.len() != k) {
            return Err(MetricError::InvalidParameter("matrix must be square"));
        }
        if a.iter().flatten().any(|x| !x.is_finite()) {
            return Err(MetricError::InvalidParameter(
                "matrix has a non-finite entry",
            ));
        }
        let mut lower = vec![vec![0.0; k]; k];
        for i in 0..k {
            for j in 0..=i {
                let dot: f64 = (0..j).map(|m| lower[i][m] * lower[j][m]).sum();
                if i == j {
                    let pivot = a[i][i] - dot;
                    // Relative to the diagonal, so a tiny but genuine variance still passes.
                    if pivot.is_nan() || pivot <= 1e-14 * a[i][i].abs() {
                        return Err(MetricError::Undefined("matrix is not positive definite"));
                    }
                    lower[i][i] = pivot.sqrt();
                } else {
                    lower[i][j] = (a[i][j] - dot) / lower[j][j];
                }
            }
        }
        Ok(Self { lower })
    }

    /// Rows (and columns) of the matrix.
    pub fn size(&self) -> usize {
        self.lower.len()
    }

    /// `L z`: turns independent standard draws `z` into draws with covariance `A`.
    ///
    /// # Panics
    /// Never for `z` of [`Self::size`]; a shorter `z` is read as if padded with zeros.
    pub fn correlate(&self, z: &[f64], out: &mut [f64]) {
        for (i, (row, o)) in self.lower.iter().zip(out.iter_mut()).enumerate() {
            *o = row[..=i].iter().zip(z).map(|(l, z)| l * z).sum();
        }
    }

    /// The solution `x` of `A x = b`, by forward then backward substitution.
    ///
    /// # Errors
    /// [`MetricError::LengthMismatch`] when `b` is not of [`Self::size`].
    pub fn solve(&self, b: &[f64]) -> Result<Vec<f64>, MetricError> {
        let k = self.size();
        if b.len() != k {
            return Err(MetricError::LengthMismatch {
                left: k,
                right: b.len(),
            });
        }
        let l = &self.lower;
        let mut y = vec![0.0; k];
        for i in 0..k {
            let dot: f64 = (0..i).map(|m| l[i][m] * y[m]).sum();
            y[i] = (b[i] - dot) / l[i][i];
        }
        let mut x = vec![0.0; k];
        for i in (0..k).rev() {
            let dot: f64 = (i + 1..k).map(|m| l[m][i] * x[m]).sum();
            x[i] = (y[i] - dot) / l[i][i];
        }
        Ok(x)
    }

    /// `A⁻¹`, column by column with [`Self::solve`].
    pub fn inverse(&self) -> Vec<Vec<f64>> {
        let k = self.size();
        let columns: Vec<Vec<f64>> = (0..k)
            .map(|j| {
                let mut e = vec![0.0; k];
                e[j] = 1.0;
                self.solve(&e).unwrap_or(e)
            })
            .collect();
        (0..k)
            .map(|i| (0..k).map(|j| columns[j][i]).collect())
            .collect()
    }
}

/// The sample covariance matrix (ddof 1) of return columns of equal length.
///
/// # Errors
/// As [`crate::stats::sample_covariance`] for any pair.
pub fn covariance_matrix(columns: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, MetricError> {
    let k = columns.len();
    let mut cov = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in i..k {
            let c = crate::stats::sample_covariance(&columns[i], &columns[j])?;
            cov[i][j] = c;
            cov[j][i] = c;
        }
    }
    Ok(cov)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the Cholesky decomposition on Wikipedia ("Cholesky
    /// decomposition", Example): exact integers.
    #[test]
    fn published_example() {
        let a = vec![
            vec![4.0, 12.0, -16.0],
            vec![12.0, 37.0, -43.0],
            vec![-16.0, -43.0, 98.0],
        ];
        let c = Cholesky::new(&a).expect("positive definite");
        assert_eq!(
            c.lower,
            vec![
                vec![2.0, 0.0, 0.0],
                vec![6.0, 1.0, 0.0],
                vec![-8.0, 5.0, 3.0]
            ]
        );
        // A x = b with x = (1, −2, 0.5): b = A x.
        let x = c.solve(&[-28.0, -83.5, 119.0]).expect("size 3");
        for (got, want) in x.iter().zip([1.0, -2.0, 0.5]) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        let inv = c.inverse();
        for (i, row) in a.iter().enumerate() {
            for j in 0..3 {
                let id: f64 = row.iter().zip(&inv).map(|(x, r)| x * r[j]).sum();
                assert!((id - f64::from(u8::from(i == j))).abs() < 1e-12);
            }
        }
        let mut out = [0.0; 3];
        c.correlate(&[1.0, 1.0, 1.0], &mut out);
        assert_eq!(out, [2.0, 7.0, 0.0]);
    }

    #[test]
    fn refuses_what_is_not_positive_definite() {
        let singular = vec![vec![1.0, 1.0], vec![1.0, 1.0]];
        assert!(matches!(
            Cholesky::new(&singular),
            Err(MetricError::Undefined(_))
        ));
        let indefinite = vec![vec![1.0, 2.0], vec![2.0, 1.0]];
        assert!(Cholesky::new(&indefinite).is_err());
        assert!(Cholesky::new(&[vec![f64::NAN]]).is_err());
        assert!(Cholesky::new(&[]).is_err());
        assert!(Cholesky::new(&[vec![1.0, 0.0]]).is_err());
        assert!(Cholesky::new(&[vec![1.0]])
            .expect("1×1")
            .solve(&[1.0, 2.0])
            .is_err());
    }
}
