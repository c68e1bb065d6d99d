//! Staff lists come a page at a time, so no page grows with the council's
//! data: which page an address asks for, read forgivingly, and one page of
//! a list with the addresses of its neighbours.

use serde::{Deserialize, Serialize};

/// How many rows one page of a staff list shows.
pub const PAGE_SIZE: u64 = 25;

/// Which page of a list, counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageNumber(u64);

impl PageNumber {
    pub const FIRST: PageNumber = PageNumber(1);

    /// The page an address's `page` asks for. Anything but a whole number
    /// from 1 up (missing, "-1", "two", too long to count) is the first
    /// page: a list never fails because of its address.
    pub fn parse(raw: Option<&str>) -> PageNumber {
        raw.and_then(|raw| raw.trim().parse::<u64>().ok())
            .filter(|number| *number >= 1)
            .map(PageNumber)
            .unwrap_or(PageNumber::FIRST)
    }

    /// This page of a list of `total` rows: past the end is the last page.
    pub fn within(self, total: u64) -> PageNumber {
        PageNumber(self.0.min(page_count(total)))
    }

    /// How many rows come before this page.
    pub fn offset(self) -> u64 {
        (self.0 - 1).saturating_mul(PAGE_SIZE)
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

/// How many pages `total` rows fill; an empty list is one (empty) page.
pub fn page_count(total: u64) -> u64 {
    total.div_ceil(PAGE_SIZE).max(1)
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Rows in the whole list (as filtered), not only on this page.
    pub total: u64,
    pub links: PageLinks,
}

/// One page of a list and the filters that chose it, as understood (a
/// value that is not one of the choices is left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filtered<F, T> {
    pub filter: F,
    pub list: Paged<T>,
}

/// Where a page is in its list, and the way to the pages either side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLinks {
    pub page: u64,
    pub pages: u64,
    /// The addresses of the pages either side, with the same filters.
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl<T> Paged<T> {
    /// The page `page` of a list already in memory.
    pub fn of_all(all: Vec<T>, page: PageNumber, address: impl Fn(u64) -> String) -> Paged<T> {
        let total = all.len() as u64;
        let page = page.within(total);
        let items = all
            .into_iter()
            .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
            .take(PAGE_SIZE as usize)
            .collect();
        Paged::new(items, page, total, address)
    }

    /// A page fetched on its own, of a list of `total` rows; `address`
    /// gives the address of page n.
    pub fn new(
        items: Vec<T>,
        page: PageNumber,
        total: u64,
        address: impl Fn(u64) -> String,
    ) -> Paged<T> {
        let pages = page_count(total);
        let page = page.get();
        Paged {
            items,
            total,
            links: PageLinks {
                page,
                pages,
                previous: (page > 1).then(|| address(page - 1)),
                next: (page < pages).then(|| address(page + 1)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_that_is_not_a_page_number_gives_the_first_page() {
        for raw in [
            None,
            Some(""),
            Some("0"),
            Some("-1"),
            Some("two"),
            Some("1.5"),
            Some("99999999999999999999999"),
        ] {
            assert_eq!(PageNumber::parse(raw), PageNumber::FIRST, "{raw:?}");
        }
        assert_eq!(PageNumber::parse(Some(" 3 ")).get(), 3);
    }

    #[test]
    fn a_page_past_the_end_is_the_last_page() {
        let far = PageNumber::parse(Some("1000000000000"));
        assert_eq!(far.within(26).get(), 2);
        assert_eq!(far.within(0).get(), 1);
        assert_eq!(PageNumber::parse(Some("2")).within(50).get(), 2);
        assert_eq!(page_count(25), 1);
        assert_eq!(page_count(26), 2);
        assert_eq!(far.offset(), 999_999_999_999 * PAGE_SIZE);
    }

    #[test]
    fn a_page_links_only_to_pages_that_exist() {
        let address = |n: u64| format!("/list?page={n}");
        let first = Paged::of_all((0..60).collect(), PageNumber::FIRST, address);
        assert_eq!(first.items, (0..25).collect::<Vec<_>>());
        assert_eq!(
            (first.links.page, first.links.pages, first.total),
            (1, 3, 60)
        );
        assert_eq!(first.links.previous, None);
        assert_eq!(first.links.next.as_deref(), Some("/list?page=2"));

        let last = Paged::of_all((0..60).collect(), PageNumber::parse(Some("9")), address);
        assert_eq!(last.items, (50..60).collect::<Vec<_>>());
        assert_eq!(last.links.previous.as_deref(), Some("/list?page=2"));
        assert_eq!(last.links.next, None);

        let empty = Paged::<u8>::of_all(vec![], PageNumber::FIRST, address);
        let PageLinks {
            page,
            pages,
            previous,
            next,
        } = empty.links;
        assert_eq!((page, pages, previous, next), (1, 1, None, None));
    }
}
