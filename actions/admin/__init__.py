"""The admin screens for supporters' data, by concern: who may see it
(permissions), the listings of signatures and form answers (filters,
viewsets), supporters' requests to export or erase their data (requests),
consent statements (consent), what deleting a page does to what supporters
sent (deletion), and the dashboard's counts (dashboard). actions.wagtail_hooks
registers them.

Names, addresses and form submissions are behind one permission,
`actions.view_supporter_data`; the dashboard shows counts to everyone."""
