//! The links `init` writes: Salesforce junction files, HubSpot's
//! multi-valued and join-export associations, a HubSpot deal's lookups as
//! associations, and the `missing_relationship` rules that check them.

use std::fmt::Write as _;

use super::knowledge::{Entity, HUBSPOT_COMPANY_IDS, JunctionKind, singular};
use super::plan::Object;
use super::write::{Writer, has};
use super::{Export, Platform, Target, quoted, snake};

impl Writer<'_, '_> {
    /// A junction file (OpportunityContactRole …), when both its ends are
    /// mapped; otherwise the file is listed as not mapped, with why.
    pub(super) fn junction_file(&mut self, export: &Export, kind: JunctionKind) {
        let ((left, left_entity), (right, right_entity), primary) = kind.shape();
        let header = |name: &str| {
            export.headers.iter().find(|h| h.trim().eq_ignore_ascii_case(name)).cloned()
        };
        let ends =
            (self.plan.of(left_entity), self.plan.of(right_entity), header(left), header(right));
        let (Some(l), Some(r), Some(left_header), Some(right_header)) = ends else {
            let why = format!(
                "it is {} (links {} to {}), and one end has no file or column here",
                kind.name(),
                left_entity.salesforce(),
                right_entity.salesforce()
            );
            self.unplaced(export, &why);
            return;
        };
        let name = self.junction_name(format!("{}_{}", singular(&l.name), r.name));
        let _ = writeln!(
            self.out,
            "# {} is {} (its ids or its two id columns): links, not records.\n[[junction]]\nname = {}\nfile = {}",
            quoted(&export.file),
            kind.name(),
            quoted(&name),
            quoted(&export.file)
        );
        if let Some(key) = header("Id") {
            let _ = writeln!(self.out, "key = {}", quoted(&key));
        }
        let _ = writeln!(
            self.out,
            "left = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {} }}",
            quoted(&left_header),
            quoted(&l.name),
            quoted(&right_header),
            quoted(&r.name)
        );
        if let Some((column, setting)) = primary
            && let Some(column) = header(column)
        {
            let _ = writeln!(self.out, "{}", setting.replace("{}", &quoted(&column)));
        }
        self.out.push('\n');
        let (l_name, l_entity, r_entity) = (l.name.clone(), l.entity, r.entity);
        self.relationship(&l_name, l_entity, r_entity, name.clone());
        self.summary.junctions.push(name);
    }

    /// The links an object's own file holds: HubSpot's `Associated Company
    /// IDs` (one link per id), a join export's second object, and a HubSpot
    /// deal's lookups.
    pub(super) fn associations(&mut self, object: &Object<'_>) {
        let export = object.export;
        let key = &export.headers[object.key];
        let companies = self.plan.of(Entity::Company).map(|c| c.name.clone());
        if self.from == Platform::Hubspot
            && object.entity != Some(Entity::Company)
            && has(export, HUBSPOT_COMPANY_IDS)
            && let Some(companies) = &companies
        {
            let name = self.junction_name(format!("{}_{}", singular(&object.name), companies));
            let column =
                export.headers.iter().find(|h| h.eq_ignore_ascii_case(HUBSPOT_COMPANY_IDS));
            let _ = writeln!(
                self.out,
                "[[junction]]\nname = {}\nfile = {}\nleft = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {}, split = \";\" }}\n",
                quoted(&name),
                quoted(&export.file),
                quoted(key),
                quoted(&object.name),
                quoted(column.map_or(HUBSPOT_COMPANY_IDS, String::as_str)),
                quoted(companies)
            );
            self.relationship(&object.name, object.entity, Some(Entity::Company), name.clone());
            self.summary.junctions.push(name);
        }
        if object.own < export.headers.len()
            && let Some(joined) = object.joined
            && let Some(target) = self.plan.of(joined)
        {
            let name = self.junction_name(format!("{}_{}", singular(&object.name), target.name));
            let _ = writeln!(
                self.out,
                "# The second {} and the columns after it are the linked {} of each row.\n[[junction]]\nname = {}\nfile = {}\nleft = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {} }}\n",
                quoted(key),
                target.name,
                quoted(&name),
                quoted(&export.file),
                quoted(&format!("{key}#1")),
                quoted(&object.name),
                quoted(&format!("{key}#2")),
                quoted(&target.name)
            );
            let target = (target.name.clone(), target.entity);
            self.relationship(&object.name, object.entity, target.1, name.clone());
            self.summary.junctions.push(name);
        }
        self.deal_junctions(&export.file);
    }

    /// The junctions of the deal lookups found in `file`, read from it.
    fn deal_junctions(&mut self, file: &str) {
        let (mine, rest): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.deal_associations).into_iter().partition(|a| a.file == file);
        self.deal_associations = rest;
        for link in mine {
            // A second link to the same object (Opportunity.ContactId beside
            // OpportunityContactRole) is named by its column.
            let name = if self.summary.junctions.contains(&link.name) {
                self.junction_name(format!("{}_{}", link.name, snake(&link.column)))
            } else {
                link.name.clone()
            };
            let by = link.by.as_ref().map(|b| format!(", by = {}", quoted(b))).unwrap_or_default();
            let _ = writeln!(
                self.out,
                "# HubSpot links a deal to its {} by association: one link per deal row.\n[[junction]]\nname = {}\nfile = {}\nleft = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {}{by} }}\n",
                link.target,
                quoted(&name),
                quoted(file),
                quoted(&link.key),
                quoted(&link.deals),
                quoted(&link.column),
                quoted(&link.target),
            );
            self.relationship(&link.deals, Some(Entity::Deal), link.entity, name.clone());
            self.summary.junctions.push(name);
        }
    }

    /// `base`, or `base_2`, `base_3` … when a junction already has it.
    fn junction_name(&self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 1;
        while self.summary.junctions.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        name
    }

    /// A rule for a link between `parent` and its `other` end, when it is
    /// one a migration checks: deals with their contacts and companies
    /// (every deal needs both), contacts with their companies (into
    /// Salesforce, where a contact without an account is private, as
    /// strictly; into HubSpot, where many have none, only a large share
    /// fails).
    pub(super) fn relationship(
        &mut self,
        parent: &str,
        entity: Option<Entity>,
        other: Option<Entity>,
        via: String,
    ) {
        let (parent, strictness) = match (entity, other) {
            (Some(Entity::Deal), Some(Entity::Contact | Entity::Company)) => {
                (parent.to_string(), "fail = \"2%\"")
            }
            (Some(Entity::Contact), Some(Entity::Deal)) => match self.plan.of(Entity::Deal) {
                Some(deals) => (deals.name.clone(), "fail = \"2%\""),
                None => return,
            },
            // A Salesforce contact without an account is private: only its
            // owner sees it. A HubSpot contact without a company is common.
            (Some(Entity::Contact), Some(Entity::Company)) => match self.to {
                Target::Salesforce => (parent.to_string(), "fail = \"2%\""),
                Target::Hubspot => (parent.to_string(), "warn = \"5%\", fail = \"20%\""),
            },
            _ => return,
        };
        // One rule per pair: the first link found (a junction file is read
        // before a lookup column that happens to hold the same link).
        let pair = (parent.clone(), other);
        if !self.checked.contains(&pair) {
            self.checked.push(pair);
            self.relationships.push((parent, via, strictness));
        }
    }

    /// A deal or contact lookup (`contacts.associatedcompanyid`) is a link too.
    pub(super) fn note_relationship(
        &mut self,
        holder: &Object<'_>,
        target: Option<Entity>,
        via: String,
    ) {
        self.relationship(&holder.name.clone(), holder.entity, target, via);
    }

    /// A comment naming a file nothing maps, and why.
    pub(super) fn unplaced(&mut self, export: &Export, why: &str) {
        let _ = writeln!(
            self.out,
            "# Not mapped: {}: {why}.\n#   columns: {}\n",
            quoted(&export.file),
            export.headers.iter().map(|h| quoted(h)).collect::<Vec<_>>().join(", ")
        );
        self.summary.skipped.push((export.file.clone(), why.to_string()));
    }

    /// The triggers a migration needs beyond the defaults: every link
    /// between deals, contacts and companies the export holds.
    pub(super) fn triggers(&mut self) {
        if self.relationships.is_empty() {
            return;
        }
        let rules: Vec<String> = self
            .relationships
            .iter()
            .map(|(parent, via, strictness)| {
                format!("  {{ parent = {}, via = {}, {strictness} }},", quoted(parent), quoted(via))
            })
            .collect();
        let _ = writeln!(
            self.out,
            "# Records that lose their links: deals without contacts or companies fail above 2%;\n\
             # contacts without a company above {}. The other triggers run with their defaults.\n\
             [triggers]\nmissing_relationship = [\n{}\n]",
            match self.to {
                Target::Salesforce => "2% (a Salesforce contact without an account is private)",
                Target::Hubspot => "20%",
            },
            rules.join("\n")
        );
    }
}
