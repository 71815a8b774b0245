"""Accessibility and socio-spatial equity: travel costs, nearest service, the floating-catchment family
(2SFCA, E2SFCA, G2SFCA, 3SFCA), RAAM, equity figures and scenarios.

The analysis modules (`weights`, `costs`, `measures`, `demand`, `supply`, `equity`, `scenario`,
`optimize`) are pure: arrays and scipy.sparse matrices in, arrays out, no Django import. The Django side
(`data`, `views`, `dashboard`, the `access` command) only gathers the inputs and serves the results.
"""
