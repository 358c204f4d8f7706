/** Word lists for the demo org: plain, international, nothing real. */

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Sophia', 'Lucas', 'Amelia', 'Ethan', 'Mia', 'James', 'Harper', 'Benjamin', 'Isla', 'Elijah',
  'Priya', 'Arjun', 'Mei', 'Wei', 'Yuki', 'Kenji', 'Fatima', 'Omar', 'Chloe', 'Hugo', 'Léa', 'Jürgen', 'Ingrid', 'Lars', 'Sofía', 'Diego',
  'Zanele', 'Kwame', 'Aisha', 'Tariq', "Siobhan", 'Declan', 'Nora', 'Felix', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kai', 'Luna', 'Maya', 'Nils',
  'Oscar', 'Paula', 'Quinn', 'Rosa', 'Samir', 'Tess', 'Uma', 'Victor', 'Wren', 'Xavier', 'Yara', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Martinez', 'Brown', 'Nguyen', 'Patel', 'Kim', 'Chen', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Kowalski',
  'Andersson', 'Okafor', 'Mensah', "O'Brien", 'MacLeod', 'Tanaka', 'Sato', 'Haddad', 'Cohen', 'Novak', 'Ivanova', 'Jensen', 'Moreau', 'Costa',
  'Hughes', 'Walker', 'Young', 'Wright', 'Lopez', 'Hill', 'Scott', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Perez', 'Roberts',
  'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Reed', 'Cook', 'Morgan', 'Bell', 'Murphy',
] as const;

export const COMPANY_FIRST = [
  'Acme', 'Northwind', 'Blue Harbor', 'Cedar', 'Summit', 'Ironwood', 'Lumen', 'Brightline', 'Granite', 'Harbor', 'Keystone', 'Maple', 'Orion',
  'Pioneer', 'Quantum', 'Redwood', 'Silverline', 'Tidewater', 'Vertex', 'Willow', 'Atlas', 'Beacon', 'Cobalt', 'Delta', 'Evergreen', 'Falcon',
  'Golden Gate', 'Helix', 'Juniper', 'Kestrel', 'Lakeside', 'Meridian', 'Nimbus', 'Oakridge', 'Polaris', 'Riverbend', 'Sterling', 'Trident',
] as const;

export const COMPANY_SECOND = ['Logistics', 'Health', 'Foods', 'Energy', 'Labs', 'Systems', 'Partners', 'Retail', 'Manufacturing', 'Capital', 'Media', 'Analytics', 'Freight', 'Dental', 'Insurance', 'Hotels'] as const;
export const COMPANY_SUFFIX = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'Group', 'Co.', 'Corp.', 'Pty Ltd'] as const;

export const INDUSTRIES = ['Technology', 'Healthcare', 'Finance', 'Retail', 'Manufacturing', 'Energy', 'Transportation', 'Hospitality', 'Insurance', 'Education', 'Media', 'Telecommunications'] as const;
export const ACCOUNT_TYPES = ['Customer - Direct', 'Customer - Channel', 'Prospect', 'Partner'] as const;
export const TIERS = ['Platinum', 'Gold', 'Silver', 'Bronze'] as const;
export const TITLES = ['CEO', 'CFO', 'VP Operations', 'IT Director', 'Office Manager', 'Procurement Lead', 'Accounts Payable', 'Engineer', 'Analyst', 'Head of Support'] as const;

export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'] as const;
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Advertisement'] as const;

export const CASE_SUBJECTS = [
  'Invoice shows the wrong amount', 'Cannot log in to the portal', 'Shipment arrived damaged', 'Request to change billing address', 'Service outage at main office',
  'Question about contract renewal', 'Refund not received', 'Device not turning on', 'Upgrade request', 'Cancel subscription', 'Late delivery', 'Password reset not working',
] as const;
export const CASE_OPEN_STATUSES = ['New', 'Working', 'Escalated'] as const;
export const CASE_PRIORITIES = ['High', 'Medium', 'Low'] as const;
export const CASE_ORIGINS = ['Phone', 'Email', 'Web'] as const;

/** The standard Opportunity stages with their default probabilities. */
export const OPPORTUNITY_STAGES = [
  ['Prospecting', 10], ['Qualification', 10], ['Needs Analysis', 20], ['Value Proposition', 50], ['Id. Decision Makers', 60],
  ['Perception Analysis', 70], ['Proposal/Price Quote', 75], ['Negotiation/Review', 90], ['Closed Won', 100], ['Closed Lost', 0],
] as const;
export const OPPORTUNITY_TYPES = ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'Renewal'] as const;
