//! Exact decimal numbers, so that `2069.5亿元` becomes exactly 206950000000 and never
//! 206949999999.99997: a figure's value is written as a float *and* as this exact string.

use std::fmt;

/// `mantissa × 10^-scale`, kept with trailing zeros removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Scales beyond this are rounded away: no figure in news needs more digits after the point.
const MAX_SCALE: u32 = 18;

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// An integer.
    pub fn from_int(value: i128) -> Decimal {
        Decimal {
            mantissa: value,
            scale: 0,
        }
        .trimmed()
    }

    /// Parses ASCII digits with an optional sign, decimal point and `,` thousands separators:
    /// `2069.5`, `-0.5`, `.5`, `1,234`. `None` for anything else or a number too large.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut mantissa: i128 = 0;
        let mut scale = 0;
        let mut seen_point = false;
        let mut seen_digit = false;
        for c in digits.chars() {
            match c {
                '0'..='9' => {
                    seen_digit = true;
                    if seen_point {
                        if scale == MAX_SCALE {
                            continue;
                        }
                        scale += 1;
                    }
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(i128::from(c as u8 - b'0'))?;
                }
                '.' if !seen_point => seen_point = true,
                ',' if !seen_point => {}
                _ => return None,
            }
        }
        if !seen_digit {
            return None;
        }
        Some(
            Decimal {
                mantissa: if negative { -mantissa } else { mantissa },
                scale,
            }
            .trimmed(),
        )
    }

    /// Whether the value is zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// The value, when it is a whole number.
    pub fn as_integer(self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// Whether the value is a whole number.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// The value as a float, for arithmetic that need not be exact.
    pub fn to_f64(self) -> f64 {
        // Both operands exact in a float make the quotient the nearest float to the value;
        // otherwise formatting and parsing back does.
        const EXACT: i128 = 1 << 53;
        if self.mantissa.abs() < EXACT && self.scale <= 22 {
            self.mantissa as f64 / 10f64.powi(self.scale as i32)
        } else {
            self.to_string().parse().unwrap_or(f64::NAN)
        }
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        // The grammar adds zeros and whole numbers far more often than anything else.
        if other.mantissa == 0 {
            return Some(self);
        }
        if self.mantissa == 0 {
            return Some(other);
        }
        if self.scale == 0 && other.scale == 0 {
            return Some(Decimal::from_int(
                self.mantissa.checked_add(other.mantissa)?,
            ));
        }
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some(
            Decimal {
                mantissa: a.checked_add(b)?,
                scale,
            }
            .trimmed(),
        )
    }

    /// `self × other`, `None` on overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        if other == Decimal::from_int(1) {
            return Some(self);
        }
        let mut product = Decimal {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            scale: self.scale + other.scale,
        };
        while product.scale > MAX_SCALE {
            product.mantissa /= 10;
            product.scale -= 1;
        }
        Some(product.trimmed())
    }

    /// `self × 10^exponent`, `None` on overflow.
    pub fn checked_shift(self, exponent: i32) -> Option<Decimal> {
        if exponent >= 0 {
            self.checked_mul(Decimal::from_int(10i128.checked_pow(exponent as u32)?))
        } else {
            let scale = self.scale + exponent.unsigned_abs();
            (scale <= MAX_SCALE).then_some(
                Decimal {
                    mantissa: self.mantissa,
                    scale,
                }
                .trimmed(),
            )
        }
    }

    /// `self ÷ other` when the quotient has a finite decimal expansion within the precision
    /// kept (`1/4` yes, `1/3` no).
    pub fn checked_div_exact(self, other: Decimal) -> Option<Decimal> {
        if other.is_zero() {
            return None;
        }
        if other == Decimal::from_int(1) {
            return Some(self);
        }
        // self / other = (a / b) × 10^(other.scale - self.scale); find k with a × 10^k ≡ 0 mod b.
        let (a, b) = (self.mantissa, other.mantissa);
        for extra in 0..=MAX_SCALE {
            let scaled = a.checked_mul(10i128.pow(extra))?;
            if scaled % b == 0 {
                let quotient = Decimal {
                    mantissa: scaled / b,
                    scale: extra,
                };
                return quotient.checked_shift(other.scale as i32 - self.scale as i32);
            }
        }
        None
    }

    /// The negated value.
    pub fn negated(self) -> Decimal {
        Decimal {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }

    fn trimmed(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let magnitude = self.mantissa.unsigned_abs();
        let unit = 10u128.pow(self.scale);
        let width = self.scale as usize;
        // 64-bit formatting is several times cheaper than 128-bit, and nearly every value fits.
        match (
            u64::try_from(magnitude / unit),
            u64::try_from(magnitude % unit),
        ) {
            (Ok(whole), _) if self.scale == 0 => write!(f, "{sign}{whole}"),
            (Ok(whole), Ok(fraction)) => write!(f, "{sign}{whole}.{fraction:0width$}"),
            _ if self.scale == 0 => write!(f, "{sign}{magnitude}"),
            _ => write!(f, "{sign}{}.{:0width$}", magnitude / unit, magnitude % unit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn parsing_and_printing_give_canonical_decimals() {
        let cases: &[(&str, &str)] = &[
            ("2069.5", "2069.5"),
            ("1,234", "1234"),
            ("10,000.233", "10000.233"),
            (".5", "0.5"),
            ("-0.5", "-0.5"),
            ("2.7890", "2.789"),
            ("0.000", "0"),
            ("007", "7"),
            ("0.05", "0.05"),
        ];
        for (input, expected) in cases {
            assert_eq!(d(input).to_string(), *expected, "{input}");
        }
        for bad in ["", ".", "-", "1.2.3", "1a", "１"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(
            d("2069.5").checked_shift(8).unwrap().to_string(),
            "206950000000"
        );
        assert_eq!(d("690").checked_shift(4).unwrap().to_string(), "6900000");
        assert_eq!(
            d("1.2").checked_shift(12).unwrap().to_string(),
            "1200000000000"
        );
        assert_eq!(d("16.3").checked_shift(-2).unwrap().to_string(), "0.163");
        assert_eq!(d("0.1").checked_add(d("0.2")).unwrap().to_string(), "0.3");
        assert_eq!(d("2.5").checked_mul(d("0.5")).unwrap().to_string(), "1.25");
        assert_eq!(
            d("1").checked_div_exact(d("4")).unwrap().to_string(),
            "0.25"
        );
        assert_eq!(
            d("2.4").checked_div_exact(d("1000")).unwrap().to_string(),
            "0.0024"
        );
        assert_eq!(d("1").checked_div_exact(d("3")), None);
        assert_eq!(d("5").checked_div_exact(d("0")), None);
        assert_eq!(d("-3").negated().to_string(), "3");
        assert_eq!(d("206950000000").to_f64(), 206950000000.0);
    }

    #[test]
    fn printing_then_parsing_gives_the_same_value() {
        // A deterministic sweep over mantissas and scales instead of random cases.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..10_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mantissa = (state % 10_000_000_000_000) as i128 - 5_000_000_000_000;
            let scale = (state >> 40) as u32 % 12;
            let value = Decimal { mantissa, scale }.trimmed();
            assert_eq!(Decimal::parse(&value.to_string()), Some(value), "{value}");
        }
    }
}
