//! Walking the figures of a rule, and its statements (rules without a
//! number). One trait, implemented once per type (by [`figures!`] for a
//! struct: its fields in order), serves the shared walk, which also says
//! what a request needs for each figure to be used ([`Reach`]), the mutable
//! walk that overrides use, and the walk over statements that the citation
//! check uses.

use super::{ByLevel, Figure, Reach, Statement, Who};

pub trait Figures {
    /// Calls `f` on every figure, in file order, with its reach (`reach`
    /// narrowed by what this value says: a scheme, categories, a level).
    fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>));

    /// Calls `f` on every figure, in file order.
    fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure));

    /// Calls `f` on every statement (whom a rule is for, "no cap").
    fn each_statement<'v>(&'v self, _f: &mut dyn FnMut(&'v Statement)) {}
}

impl Figures for Figure {
    #[inline]
    fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
        f(self, reach);
    }

    #[inline]
    fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
        f(self);
    }
}

impl Figures for Statement {
    fn each_figure<'v>(&'v self, _: Reach<'v>, _: &mut dyn FnMut(&'v Figure, Reach<'v>)) {}

    fn each_figure_mut(&mut self, _: &mut dyn FnMut(&mut Figure)) {}

    fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
        f(self);
    }
}

impl Figures for Who {
    fn each_figure<'v>(&'v self, _: Reach<'v>, _: &mut dyn FnMut(&'v Figure, Reach<'v>)) {}

    fn each_figure_mut(&mut self, _: &mut dyn FnMut(&mut Figure)) {}

    fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
        f(&self.statement);
    }
}

impl<T: Figures> Figures for [T] {
    #[inline]
    fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
        self.iter().for_each(|value| value.each_figure(reach, f));
    }

    #[inline]
    fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
        self.iter_mut().for_each(|value| value.each_figure_mut(f));
    }

    fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
        self.iter().for_each(|value| value.each_statement(f));
    }
}

/// A list, and an optional value (a list of at most one), walk as a slice.
macro_rules! as_slice {
    ($($ty:ty),+) => {$(
        impl<T: Figures> Figures for $ty {
            #[inline]
            fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
                self.as_slice().each_figure(reach, f);
            }

            #[inline]
            fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
                self.as_mut_slice().each_figure_mut(f);
            }

            fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
                self.as_slice().each_statement(f);
            }
        }
    )+};
}
as_slice!(Option<T>, Vec<T>);

impl Figures for ByLevel {
    #[inline]
    fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
        for (level, figure) in &self.0 {
            f(
                figure,
                Reach {
                    level: Some(*level),
                    ..reach
                },
            );
        }
    }

    #[inline]
    fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
        for (_, figure) in &mut self.0 {
            f(figure);
        }
    }
}

/// Implements [`Figures`] for a struct from the list of its fields that hold
/// figures or statements, in file order; `|rule, reach| …` narrows the
/// reach for them (`rule.who.narrow(reach)` for a rule with a `who`).
macro_rules! figures {
    ($ty:ty, |$rule:ident, $reach:ident| $narrow:expr; $($field:ident),+ $(,)?) => {
        impl $crate::policy::figures::Figures for $ty {
            #[inline]
            fn each_figure<'v>(
                &'v self,
                reach: $crate::policy::Reach<'v>,
                f: &mut dyn FnMut(&'v $crate::policy::Figure, $crate::policy::Reach<'v>),
            ) {
                let ($rule, $reach) = (self, reach);
                let reach = $narrow;
                $( $crate::policy::figures::Figures::each_figure(&self.$field, reach, f); )+
            }

            #[inline]
            fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut $crate::policy::Figure)) {
                $( $crate::policy::figures::Figures::each_figure_mut(&mut self.$field, f); )+
            }

            fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v $crate::policy::Statement)) {
                $( $crate::policy::figures::Figures::each_statement(&self.$field, f); )+
            }
        }
    };
    ($ty:ty; $($field:ident),+ $(,)?) => {
        figures!($ty, |_rule, reach| reach; $($field),+);
    };
}
pub(crate) use figures;
